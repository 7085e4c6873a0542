/**
 * One signaling WebSocket: parse, bound, validate and dispatch each request (see RequestScheduler
 * for their order),
 * reply with a typed result or error, and leave the room when the socket goes.
 * Nothing a client sends can throw out of here or reach another peer.
 */
import type { RawData, WebSocket } from 'ws';
import {
  MAX_MESSAGE_BYTES,
  RequestEnvelopeSchema,
  isRequestMethod,
  requestSchemas,
  type ErrorCode,
  type NotificationMessage,
  type RequestMethod,
  type ResponseMessage,
} from '../../common/signaling';
import type { Logger } from '../logger';
import { SfuRejection } from '../media/sfu';
import type { Notify } from '../rooms/peer';
import type { Requester } from '../access/policy';
import { RateLimiter } from '../access/rate-limit';
import { SignalingFailure } from './failure';
import { handlers, type HandlerContext } from './handlers';
import { RequestScheduler } from './scheduler';
import type { SignalingServices } from './services';
import { Session } from './session';

/** Requests that change what the connection has joined run alone, in arrival order. */
const changesMembership: ReadonlySet<RequestMethod> = new Set(['join', 'leave']);

interface ParsedRequest {
  id: number;
  method: RequestMethod;
  data: unknown;
}

/** A client that reads too slowly to keep up with its notifications is cut off. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export interface ConnectionOptions {
  services: SignalingServices;
  /** Who opened the socket: its address (per-address limits) and signed-in agent, if any. */
  requester: Requester;
  messagesPerSecond: number;
}

export function serveSignaling(socket: WebSocket, options: ConnectionOptions, log: Logger): void {
  const { services, requester } = options;
  const { address } = requester;
  const session = new Session();
  const messages = new RateLimiter(options.messagesPerSecond, 1000);
  const scheduler = new RequestScheduler();

  const send = (message: ResponseMessage | NotificationMessage): void => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      log.warn({ peer: session.peer?.id }, 'signaling client too slow; closing');
      socket.terminate();
      return;
    }
    socket.send(JSON.stringify(message));
  };
  const fail = (id: number | null, code: ErrorCode, message: string): void =>
    send({ type: 'response', id, ok: false, error: { code, message } });
  const refuse = (id: number | null, code: ErrorCode, message: string): null => {
    fail(id, code, message);
    return null;
  };
  const notify: Notify = (method, data) => send({ type: 'notification', method, data } as NotificationMessage);

  /** Checks a frame up to its method's schema; answers a bad one at once and returns null. */
  const parse = (raw: RawData, isBinary: boolean): ParsedRequest | null => {
    const bytes = byteLength(raw);
    if (bytes > MAX_MESSAGE_BYTES)
      return refuse(null, 'too_large', `message of ${bytes} bytes; the limit is ${MAX_MESSAGE_BYTES}`);
    if (isBinary) return refuse(null, 'bad_json', 'binary frames are not accepted');
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawText(raw));
    } catch {
      return refuse(null, 'bad_json', 'message is not valid JSON');
    }
    const envelope = RequestEnvelopeSchema.safeParse(parsed);
    if (!envelope.success) {
      return refuse(requestIdOf(parsed), 'bad_json', 'not a request: expected {type:"request", id, method, data}');
    }
    const { id, method, data } = envelope.data;
    if (!isRequestMethod(method)) return refuse(id, 'unknown_method', `unknown method "${method}"`);
    const valid = requestSchemas[method].safeParse(data ?? {});
    if (!valid.success) {
      const issue = valid.error.issues[0];
      return refuse(
        id,
        'invalid_data',
        `${method}: ${issue?.path.join('.') || 'data'}: ${issue?.message ?? 'invalid'}`,
      );
    }
    return { id, method, data: valid.data };
  };

  const execute = async ({ id, method, data }: ParsedRequest): Promise<void> => {
    const deferred: Array<() => Promise<void>> = [];
    const ctx: HandlerContext = {
      session,
      services,
      address,
      agent: requester.agent,
      notify,
      afterReply: (task) => deferred.push(task),
    };
    try {
      const result = await (handlers[method] as (d: unknown, c: HandlerContext) => Promise<unknown>)(data, ctx);
      send({ type: 'response', id, ok: true, data: result });
    } catch (error) {
      return replyWithError(id, method, error);
    }
    for (const task of deferred) {
      await task().catch((error: Error) => log.error({ method, err: error.message }, 'follow-up of a request failed'));
    }
  };

  const replyWithError = (id: number, method: RequestMethod, error: unknown): void => {
    if (error instanceof SignalingFailure) return fail(id, error.code, error.message);
    if (error instanceof SfuRejection) return fail(id, 'rejected', `${method}: ${error.message}`);
    log.error({ method, err: (error as Error).message, stack: (error as Error).stack }, 'request failed');
    fail(id, 'internal', `${method} failed on the server`);
  };

  const crashed = (error: Error) => log.error({ err: error.message, stack: error.stack }, 'signaling handler crashed');
  socket.on('message', (raw, isBinary) => {
    if (!messages.take('connection')) {
      fail(null, 'rate_limited', `more than ${options.messagesPerSecond} messages a second`);
      return;
    }
    const request = parse(raw, isBinary);
    if (request) scheduler.run(() => execute(request).catch(crashed), changesMembership.has(request.method));
  });
  socket.on('close', () => {
    scheduler.run(async () => session.leave(), true).catch(crashed);
  });
  socket.on('error', (error) => log.info({ err: error.message }, 'signaling socket error'));
}

function byteLength(raw: RawData): number {
  if (Array.isArray(raw)) return raw.reduce((sum, chunk) => sum + chunk.length, 0);
  return raw instanceof ArrayBuffer ? raw.byteLength : raw.length;
}

function rawText(raw: RawData): string {
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  return Buffer.from(raw as ArrayBuffer).toString('utf8');
}

/** Echo the id of a malformed request when there is one, so the client can match the error. */
function requestIdOf(value: unknown): number | null {
  if (typeof value !== 'object' || value === null) return null;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}
