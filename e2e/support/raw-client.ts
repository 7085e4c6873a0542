/** A signaling client with no app around it: what an attacker or a broken client would send. */
import { expect } from '@playwright/test';
import WebSocket from 'ws';
import type { ResponseMessage, ServerMessage } from '../../common/signaling';

export class RawClient {
  private readonly inbox: ServerMessage[] = [];
  private nextId = 1000;
  closeCode: number | null = null;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.inbox.push(JSON.parse(String(data)) as ServerMessage));
    socket.on('close', (code) => (this.closeCode = code));
  }

  static async open(baseURL: string): Promise<RawClient> {
    const socket = new WebSocket(baseURL.replace(/^http/, 'ws') + '/ws');
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return new RawClient(socket);
  }

  /** Sends raw text and waits (bounded) for the next response. */
  async send(text: string | Buffer): Promise<ResponseMessage> {
    const seen = this.responses().length;
    this.socket.send(text);
    await expect.poll(() => this.responses().length, { timeout: 5000 }).toBeGreaterThan(seen);
    return this.responses()[seen]!;
  }

  /** A well-formed request; waits (bounded) for its own response. */
  async request(method: string, data: unknown): Promise<ResponseMessage> {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ type: 'request', id, method, data }));
    await expect.poll(() => this.responses().some((r) => r.id === id), { timeout: 5000 }).toBe(true);
    return this.responses().find((r) => r.id === id)!;
  }

  close(): void {
    this.socket.close();
  }

  private responses(): ResponseMessage[] {
    return this.inbox.filter((message): message is ResponseMessage => message.type === 'response');
  }
}
