import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWebconfServer, type WebconfServer } from '../app';
import { parseConfig } from '../config';
import { createLogger } from '../logger';
import { SignalingClient } from '../test-support/signaling-client';

let server: WebconfServer;
const dir = mkdtempSync(path.join(tmpdir(), 'webconf-roles-'));
const clients: SignalingClient[] = [];

beforeAll(async () => {
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
  const config = parseConfig({
    port: 0,
    logLevel: 'silent',
    staticDir: dir,
    database: ':memory:',
    rooms: { maxParticipants: 3 },
    media: { workers: 1 },
  });
  server = await createWebconfServer(config, createLogger('silent'));
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function newRoom(): string {
  return server.directory.create('Rôles', { kind: 'network', id: '127.0.0.1', name: null }).id;
}

async function join(roomId: string, displayName: string, tokens: { hostToken?: string; sessionToken?: string } = {}) {
  const client = await SignalingClient.connect(server.url);
  clients.push(client);
  const { rtpCapabilities } = await client.call('getRouterRtpCapabilities', { roomId });
  const reply = await client.request('join', { roomId, displayName, rtpCapabilities, ...tokens });
  return { client, reply };
}

describe('roles', () => {
  it('makes the bearer of the host token a moderator, and anyone else a participant', async () => {
    const roomId = newRoom();
    const hostToken = await server.tokens.issueHostToken(roomId);
    expect((await join(roomId, 'Hôte', { hostToken })).reply).toMatchObject({ ok: true, data: { role: 'moderator' } });
    expect((await join(roomId, 'Invité')).reply).toMatchObject({ ok: true, data: { role: 'participant' } });
  });

  it('ignores a host token of another room, or a forged one', async () => {
    const roomId = newRoom();
    const otherToken = await server.tokens.issueHostToken(newRoom());
    expect((await join(roomId, 'A', { hostToken: otherToken })).reply).toMatchObject({ data: { role: 'participant' } });
    const forged = otherToken.slice(0, -4) + 'AAAA';
    expect((await join(roomId, 'B', { hostToken: forged })).reply).toMatchObject({ data: { role: 'participant' } });
  });

  it('gives a reconnecting moderator its role back through its session token', async () => {
    const roomId = newRoom();
    const hostToken = await server.tokens.issueHostToken(roomId);
    const first = await join(roomId, 'Hôte', { hostToken });
    const sessionToken = (first.reply as { data: { sessionToken: string } }).data.sessionToken;
    await first.client.close();
    expect((await join(roomId, 'Hôte', { sessionToken })).reply).toMatchObject({ data: { role: 'moderator' } });
  });

  it('lets only moderators into a locked room, and nobody past the participant limit', async () => {
    const roomId = newRoom();
    const hostToken = await server.tokens.issueHostToken(roomId);
    const host = await join(roomId, 'Hôte', { hostToken });
    expect(await host.client.request('lockRoom', { locked: true })).toMatchObject({ ok: true });
    expect((await join(roomId, 'Invité')).reply).toMatchObject({ ok: false, error: { code: 'room_locked' } });
    expect((await join(roomId, 'Co-hôte', { hostToken })).reply).toMatchObject({ ok: true });
    expect(await host.client.request('lockRoom', { locked: false })).toMatchObject({ ok: true });
    expect((await join(roomId, 'Troisième')).reply).toMatchObject({ ok: true });
    expect((await join(roomId, 'Quatrième')).reply).toMatchObject({ ok: false, error: { code: 'room_full' } });
  });

  it('tells a promoted participant and everyone else', async () => {
    const roomId = newRoom();
    const host = await join(roomId, 'Hôte', { hostToken: await server.tokens.issueHostToken(roomId) });
    const guest = await join(roomId, 'Invité');
    const guestId = (guest.reply as { data: { peerId: string } }).data.peerId;
    expect(await guest.client.request('promote', { peerId: guestId })).toMatchObject({ error: { code: 'forbidden' } });
    expect(await host.client.request('promote', { peerId: guestId })).toMatchObject({ ok: true });
    const update = await guest.client.nextNotification('peerUpdated');
    expect(update.peer).toMatchObject({ peerId: guestId, role: 'moderator' });
    expect(await guest.client.request('lockRoom', { locked: true })).toMatchObject({ ok: true });
  });
});
