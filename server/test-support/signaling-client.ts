/**
 * A typed signaling client for tests: one `ws` socket, requests matched to responses by id, and
 * notifications buffered so none is lost between two awaits. Every wait is bounded.
 */
import WebSocket from 'ws';
import {
  SIGNALING_PATH,
  type NotificationMap,
  type NotificationMessage,
  type NotificationMethod,
  type RequestData,
  type RequestMethod,
  type ResponseMap,
  type ResponseMessage,
  type ServerMessage,
} from '../../common/signaling';
import { withTimeout } from './wait';

const DEFAULT_TIMEOUT_MS = 3000;

type ErrorResponse = Extract<ResponseMessage, { ok: false }>;

export class SignalingRequestError extends Error {
  constructor(readonly response: ErrorResponse) {
    super(`${response.error.code}: ${response.error.message}`);
  }
}

interface Waiter<T> {
  match: (value: T) => boolean;
  resolve: (value: T) => void;
}

export class SignalingClient {
  private nextId = 1;
  private readonly responses: ResponseMessage[] = [];
  private readonly notifications: NotificationMessage[] = [];
  private readonly responseWaiters: Waiter<ResponseMessage>[] = [];
  private readonly notificationWaiters: Waiter<NotificationMessage>[] = [];
  /** Resolves with the close code and reason once the socket has closed. */
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (raw: Buffer) => this.receive(JSON.parse(raw.toString('utf8')) as ServerMessage));
    this.closed = new Promise((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  /** Opens a socket to the server at `baseUrl` (http://host:port). */
  static async connect(
    baseUrl: string,
    options: { origin?: string; timeoutMs?: number } = {},
  ): Promise<SignalingClient> {
    const socket = new WebSocket(signalingUrl(baseUrl), options.origin === undefined ? {} : { origin: options.origin });
    const client = new SignalingClient(socket);
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('error', reject);
      }),
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      'the signaling socket to open',
    );
    return client;
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends any method with any data and resolves with the raw response (ok or not). */
  request(method: string, data?: unknown, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<ResponseMessage> {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ type: 'request', id, method, data }));
    return this.nextResponse(id, timeoutMs);
  }

  /** A well-typed request whose error response becomes a rejection (SignalingRequestError). */
  async call<M extends RequestMethod>(
    method: M,
    data: RequestData<M>,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<ResponseMap[M]> {
    const response = await this.request(method, data, timeoutMs);
    if (!response.ok) throw new SignalingRequestError(response);
    return response.data as ResponseMap[M];
  }

  /** Sends a raw frame (text or binary) without any envelope. */
  sendRaw(payload: string | Buffer, binary = false): void {
    this.socket.send(payload, { binary });
  }

  /** The next response with this id (null: the server could not tell which request it answers). */
  nextResponse(id: number | null, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<ResponseMessage> {
    return this.take(this.responses, this.responseWaiters, (r) => r.id === id, timeoutMs, `response ${id}`);
  }

  /** The next notification of this method not yet taken, optionally matching `filter`. */
  async nextNotification<M extends NotificationMethod>(
    method: M,
    timeoutMs = DEFAULT_TIMEOUT_MS,
    filter: (data: NotificationMap[M]) => boolean = () => true,
  ): Promise<NotificationMap[M]> {
    const match = (n: NotificationMessage) => n.method === method && filter(n.data as NotificationMap[M]);
    const message = await this.take(
      this.notifications,
      this.notificationWaiters,
      match,
      timeoutMs,
      `notification ${method}`,
    );
    return message.data as NotificationMap[M];
  }

  /** Notifications received and not yet taken. */
  pendingNotifications(method?: NotificationMethod): NotificationMessage[] {
    return this.notifications.filter((n) => method === undefined || n.method === method);
  }

  async close(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    this.socket.close();
    await withTimeout(this.closed, timeoutMs, 'the signaling socket to close').catch(() => this.socket.terminate());
  }

  /** Drops the connection without a closing handshake, like a vanished network. */
  terminate(): void {
    this.socket.terminate();
  }

  private receive(message: ServerMessage): void {
    if (message.type === 'response') deliver(message, this.responses, this.responseWaiters);
    else deliver(message, this.notifications, this.notificationWaiters);
  }

  private take<T>(
    buffer: T[],
    waiters: Waiter<T>[],
    match: (value: T) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<T> {
    const index = buffer.findIndex(match);
    if (index >= 0) return Promise.resolve(buffer.splice(index, 1)[0] as T);
    let waiter: Waiter<T> | undefined;
    const arrived = new Promise<T>((resolve) => {
      waiter = { match, resolve };
      waiters.push(waiter);
    });
    return withTimeout(arrived, timeoutMs, what).finally(() => {
      const at = waiter ? waiters.indexOf(waiter) : -1;
      if (at >= 0) waiters.splice(at, 1);
    });
  }
}

function deliver<T>(value: T, buffer: T[], waiters: Waiter<T>[]): void {
  const index = waiters.findIndex((waiter) => waiter.match(value));
  const waiter = index >= 0 ? waiters.splice(index, 1)[0] : undefined;
  if (waiter) waiter.resolve(value);
  else buffer.push(value);
}

export function signalingUrl(baseUrl: string): string {
  return baseUrl.replace(/^http/, 'ws') + SIGNALING_PATH;
}
