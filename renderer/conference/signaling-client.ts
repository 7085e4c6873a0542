/**
 * The client side of the signaling protocol (common/signaling.ts): typed requests with a timeout,
 * typed notifications, and a `closed` event when the socket goes away for any reason.
 */
import type {
  ErrorCode,
  NotificationMap,
  NotificationMethod,
  RequestData,
  RequestMethod,
  ResponseMap,
  ServerMessage,
} from '../../common/signaling';
import { Emitter } from './emitter';

export class SignalingRequestError extends Error {
  constructor(
    readonly code: ErrorCode | 'timeout' | 'closed' | 'refused',
    message: string,
  ) {
    super(message);
    this.name = 'SignalingRequestError';
  }
}

type NotificationEvents = { [M in NotificationMethod]: NotificationMap[M] };
type SignalingEvents = NotificationEvents & { closed: { code: number; reason: string } };

interface Pending {
  resolve: (data: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export interface SignalingOptions {
  /** How long a request may wait for its reply. */
  requestTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** Injected for tests; the browser's WebSocket otherwise. */
  createSocket?: (url: string) => WebSocket;
}

export class SignalingClient extends Emitter<SignalingEvents> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closed = false;

  private constructor(
    private readonly socket: WebSocket,
    private readonly requestTimeoutMs: number,
  ) {
    super();
    socket.addEventListener('message', (event) => this.receive(event.data));
    socket.addEventListener('close', (event) => this.handleClose(event.code, event.reason));
  }

  static connect(url: string, options: SignalingOptions = {}): Promise<SignalingClient> {
    const socket = (options.createSocket ?? ((u) => new WebSocket(u)))(url);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.close();
        reject(new SignalingRequestError('timeout', 'the server did not answer in time'));
      }, options.connectTimeoutMs ?? 10_000);
      socket.addEventListener('open', () => {
        clearTimeout(timer);
        resolve(new SignalingClient(socket, options.requestTimeoutMs ?? 10_000));
      });
      socket.addEventListener('error', () => {
        clearTimeout(timer);
        reject(new SignalingRequestError('closed', 'cannot reach the server'));
      });
    });
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  request<M extends RequestMethod>(method: M, data: RequestData<M>): Promise<ResponseMap[M]> {
    if (this.closed) return Promise.reject(new SignalingRequestError('closed', 'not connected to the server'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new SignalingRequestError('timeout', `${method}: no answer from the server`));
      }, this.requestTimeoutMs);
      this.pending.set(id, { resolve: resolve as (data: unknown) => void, reject, timer });
      this.socket.send(JSON.stringify({ type: 'request', id, method, data }));
    });
  }

  close(): void {
    this.socket.close(1000, 'bye');
    this.handleClose(1000, 'closed by client');
  }

  private receive(raw: unknown): void {
    let message: ServerMessage;
    try {
      message = JSON.parse(String(raw)) as ServerMessage;
    } catch {
      return; // the server only sends JSON; ignore anything else rather than crash the call
    }
    if (message.type === 'notification') {
      this.emit(message.method, message.data as never);
      return;
    }
    if (message.id === null) return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    clearTimeout(pending.timer);
    if (message.ok) pending.resolve(message.data);
    else pending.reject(new SignalingRequestError(message.error.code, message.error.message));
  }

  private handleClose(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new SignalingRequestError('closed', 'connection to the server lost'));
    }
    this.pending.clear();
    this.emit('closed', { code, reason });
  }
}
