/**
 * A WebSocket stand-in that plays the server's side of the signaling protocol from a script of
 * replies, for unit tests of the conference layer in Node. It records every request it receives.
 */
import type { NotificationMap, NotificationMethod, RequestMethod } from '../../../common/signaling';

export type Reply = { ok: true; data: unknown } | { ok: false; code: string; message: string };
export type Responder = (data: Record<string, unknown>) => Reply;

export interface RecordedRequest {
  method: RequestMethod;
  data: Record<string, unknown>;
}

export class FakeServerSocket extends EventTarget {
  readonly requests: RecordedRequest[] = [];
  readyState = 0;
  private readonly afterReply = new Map<RequestMethod, () => void>();

  constructor(private readonly responders: Partial<Record<RequestMethod, Responder>>) {
    super();
    queueMicrotask(() => {
      this.readyState = 1;
      this.dispatchEvent(new Event('open'));
    });
  }

  /** Runs right after the reply to `method` is delivered (as the server sends follow-ups). */
  onAfterReply(method: RequestMethod, action: () => void): void {
    this.afterReply.set(method, action);
  }

  send(text: string): void {
    const { id, method, data } = JSON.parse(text) as {
      id: number;
      method: RequestMethod;
      data: Record<string, unknown>;
    };
    this.requests.push({ method, data });
    const reply = this.responders[method]?.(data) ?? { ok: true, data: {} };
    const message = reply.ok
      ? { type: 'response', id, ok: true, data: reply.data }
      : { type: 'response', id, ok: false, error: { code: reply.code, message: reply.message } };
    setTimeout(() => {
      this.deliver(message);
      this.afterReply.get(method)?.();
    }, 0);
  }

  notify<M extends NotificationMethod>(method: M, data: NotificationMap[M]): void {
    this.deliver({ type: 'notification', method, data });
  }

  /** The server goes away. */
  drop(): void {
    this.readyState = 3;
    const event = Object.assign(new Event('close'), { code: 1006, reason: '' });
    this.dispatchEvent(event);
  }

  close(): void {
    this.readyState = 3;
  }

  methods(): RequestMethod[] {
    return this.requests.map((request) => request.method);
  }

  private deliver(message: unknown): void {
    this.dispatchEvent(Object.assign(new Event('message'), { data: JSON.stringify(message) }));
  }
}
