import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, ResponseMessage } from '../../common/signaling';
import type { WebconfServer } from '../app';
import type { SignalingClient } from '../test-support/signaling-client';
import { createTestRoom, joinRoom, startTestServer } from '../test-support/test-server';

let server: WebconfServer;
const clients: SignalingClient[] = [];
const dir = mkdtempSync(path.join(tmpdir(), 'webconf-chat-'));

beforeAll(async () => {
  server = await startTestServer({ limits: { chatMessagesPer10Seconds: 5 } });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function join(target: WebconfServer, roomId: string, displayName: string, sessionToken?: string) {
  const joined = await joinRoom(target, roomId, displayName, { sessionToken });
  clients.push(joined.client);
  return joined;
}

const messageOf = (response: ResponseMessage) => (response as { data: { message: ChatMessage } }).data.message;

describe('chat', () => {
  it('delivers room messages to everyone else and private ones to their recipient only', async () => {
    const roomId = createTestRoom(server);
    const alice = await join(server, roomId, 'Alice');
    const bob = await join(server, roomId, 'Bob');
    const chloe = await join(server, roomId, 'Chloé');

    const sent = messageOf(await alice.client.request('sendChat', { text: '  Bonjour à tous  ' }));
    expect(sent).toMatchObject({
      text: 'Bonjour à tous',
      to: null,
      from: { displayName: 'Alice', participantId: alice.participantId },
    });
    expect((await bob.client.nextNotification('chatMessage')).message).toEqual(sent);
    expect((await chloe.client.nextNotification('chatMessage')).message).toEqual(sent);

    const secret = messageOf(await bob.client.request('sendChat', { text: 'Rien que pour toi', to: alice.peerId }));
    expect(secret.to).toEqual({ participantId: alice.participantId, displayName: 'Alice' });
    expect((await alice.client.nextNotification('chatMessage')).message).toEqual(secret);
    await expect(chloe.client.nextNotification('chatMessage', 500)).rejects.toThrow();

    const late = await join(server, roomId, 'Dora');
    expect(late.chatHistory.map((m) => m.text)).toEqual(['Bonjour à tous']);
  });

  it('gives a reconnecting participant its private messages back', async () => {
    const roomId = createTestRoom(server);
    const alice = await join(server, roomId, 'Alice');
    const bob = await join(server, roomId, 'Bob');
    await bob.client.request('sendChat', { text: 'Privé', to: alice.peerId });
    await alice.client.close();
    const again = await join(server, roomId, 'Alice', alice.sessionToken);
    expect(again.participantId).toBe(alice.participantId);
    expect(again.chatHistory.map((m) => m.text)).toEqual(['Privé']);
  });

  it('keeps markup as text, and refuses empty, over-long and too frequent messages with a reason', async () => {
    const roomId = createTestRoom(server);
    const alice = await join(server, roomId, 'Alice');
    const payload = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    expect(messageOf(await alice.client.request('sendChat', { text: payload })).text).toBe(payload);
    expect(await alice.client.request('sendChat', { text: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_data', message: expect.stringContaining('empty message') },
    });
    expect(await alice.client.request('sendChat', { text: 'x'.repeat(2001) })).toMatchObject({
      ok: false,
      error: { code: 'invalid_data', message: expect.stringContaining('longer than 2000') },
    });
    const replies = [];
    for (let i = 0; i < 6; i++) replies.push(await alice.client.request('sendChat', { text: `n°${i}` }));
    expect(replies.filter((r) => r.ok)).toHaveLength(4); // 5 per 10 s, one already sent above
    expect(replies.at(-1)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });

  it('keeps the history across a server restart', async () => {
    const database = path.join(dir, 'chat.sqlite');
    const first = await startTestServer({ database });
    const roomId = createTestRoom(first);
    const alice = await join(first, roomId, 'Alice');
    await alice.client.request('sendChat', { text: 'Avant le redémarrage' });
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await first.close();
    const second = await startTestServer({ database });
    try {
      const bob = await join(second, roomId, 'Bob');
      expect(bob.chatHistory.map((m) => m.text)).toEqual(['Avant le redémarrage']);
    } finally {
      await Promise.all(clients.splice(0).map((client) => client.close()));
      await second.close();
    }
  });
});
