import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { WebconfServer } from '../app';
import type { ServerConfigInput } from '../config';
import { SignalingClient } from '../test-support/signaling-client';
import { startTestServer } from '../test-support/test-server';

const dir = mkdtempSync(path.join(tmpdir(), 'webconf-api-'));
const servers: WebconfServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function start(overrides: Partial<ServerConfigInput> = {}): Promise<WebconfServer> {
  const server = await startTestServer(overrides);
  servers.push(server);
  return server;
}

async function createRoom(server: WebconfServer, title: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/api/rooms`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ title }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const trusted = { access: { trustedNetworks: ['127.0.0.1/32'], trustedProxies: [] } };

describe('who may create a room', () => {
  it('refuses a guest outside the trusted networks, and says why', async () => {
    const server = await start();
    const session = await (await fetch(`${server.url}/api/session`)).json();
    expect(session).toEqual({ agent: null, signInAvailable: false, canCreateRooms: false, reason: 'sign-in-required' });
    const { status, body } = await createRoom(server, 'Réunion');
    expect(status).toBe(403);
    expect(body).toMatchObject({ error: { code: 'sign-in-required' } });
  });

  it('allows a request from a trusted network, with an unguessable id and a host token', async () => {
    const server = await start(trusted);
    expect(await (await fetch(`${server.url}/api/session`)).json()).toMatchObject({ canCreateRooms: true });
    const { status, body } = await createRoom(server, '  Point   hebdo ');
    expect(status).toBe(201);
    expect(body.roomId).toMatch(/^[a-z2-7]{26}$/);
    expect(body.title).toBe('Point hebdo');
    expect(typeof body.hostToken).toBe('string');
    const found = await (await fetch(`${server.url}/api/rooms/${String(body.roomId)}`)).json();
    expect(found).toEqual({ roomId: body.roomId, title: 'Point hebdo', locked: false });
  });

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    const viaProxy = await start({ access: { trustedNetworks: ['10.0.0.0/8'], trustedProxies: ['127.0.0.1/32'] } });
    expect((await createRoom(viaProxy, 'A', { 'X-Forwarded-For': '10.1.2.3' })).status).toBe(201);
    expect((await createRoom(viaProxy, 'A', { 'X-Forwarded-For': '192.0.2.1' })).status).toBe(403);
    const noProxy = await start({ access: { trustedNetworks: ['10.0.0.0/8'], trustedProxies: [] } });
    expect((await createRoom(noProxy, 'A', { 'X-Forwarded-For': '10.1.2.3' })).status).toBe(403);
  });

  it('refuses bad titles, non-JSON bodies and foreign pages', async () => {
    const server = await start(trusted);
    expect((await createRoom(server, '')).status).toBe(400);
    expect((await createRoom(server, 'x'.repeat(121))).status).toBe(400);
    expect((await createRoom(server, 42)).status).toBe(400);
    const form = await fetch(`${server.url}/api/rooms`, { method: 'POST', body: 'title=x' });
    expect(form.status).toBe(415);
    expect((await createRoom(server, 'A', { Origin: 'https://evil.example.com' })).status).toBe(403);
  });

  it('limits room creation per address', async () => {
    const server = await start({ ...trusted, limits: { roomCreationsPerHour: 2 } });
    expect((await createRoom(server, 'A')).status).toBe(201);
    expect((await createRoom(server, 'B')).status).toBe(201);
    expect((await createRoom(server, 'C')).status).toBe(429);
  });
});

describe('finding rooms', () => {
  it('answers unknown ids alike, and refuses an address that keeps guessing', async () => {
    const server = await start({ limits: { roomMissesPerMinute: 3 } });
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${server.url}/api/rooms/aaaaaaaaaaaaaaaaaaaaaaaaa${i}`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'no such room: check the link' } });
    }
    expect((await fetch(`${server.url}/api/rooms/anything`)).status).toBe(429);
    const client = await SignalingClient.connect(server.url);
    const reply = await client.request('getRouterRtpCapabilities', { roomId: 'anotherguess' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    await client.close();
  });

  it('keeps rooms across a server restart (same database file)', async () => {
    const database = path.join(dir, 'restart.sqlite');
    const first = await start({ ...trusted, database });
    const { body } = await createRoom(first, 'Survit au redémarrage');
    await first.close();
    servers.splice(servers.indexOf(first), 1);
    const second = await start({ database });
    const found = await fetch(`${second.url}/api/rooms/${String(body.roomId)}`);
    expect(found.status).toBe(200);
    expect(await second.tokens.isHostOf(String(body.hostToken), String(body.roomId))).toBe(true);
  });
});
