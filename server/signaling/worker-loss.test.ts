/**
 * A mediasoup worker process that really dies (SIGKILL) under a running server: its peers are
 * told to rejoin and can, once the pool has replaced the worker.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as mediasoup from 'mediasoup';
import type { types as ms } from 'mediasoup';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RequestData } from '../../common/signaling';
import { createWebconfServer, type WebconfServer } from '../app';
import { parseConfig } from '../config';
import { createLogger } from '../logger';
import { deviceCapabilities, loadFakeDevice } from '../test-support/fake-media';
import { SignalingClient } from '../test-support/signaling-client';
import { waitFor } from '../test-support/wait';

let server: WebconfServer;
let staticDir: string;
const workers: ms.Worker[] = [];
const clients: SignalingClient[] = [];
const onNewWorker = (worker: ms.Worker) => workers.push(worker);

beforeAll(async () => {
  mediasoup.observer.on('newworker', onNewWorker);
  staticDir = mkdtempSync(path.join(tmpdir(), 'webconf-worker-loss-'));
  const config = parseConfig({ port: 0, logLevel: 'silent', staticDir, database: ':memory:', media: { workers: 1 } });
  server = await createWebconfServer(config, createLogger('silent'));
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

afterAll(async () => {
  mediasoup.observer.off('newworker', onNewWorker);
  await server.close();
  rmSync(staticDir, { recursive: true, force: true });
});

async function joinRoom(roomId: string, displayName: string) {
  const client = await SignalingClient.connect(server.url);
  clients.push(client);
  const { rtpCapabilities } = await client.call('getRouterRtpCapabilities', { roomId });
  const device = await loadFakeDevice(rtpCapabilities);
  const rtpCaps = deviceCapabilities(device) as RequestData<'join'>['rtpCapabilities'];
  const joined = await client.call('join', { roomId, displayName, rtpCapabilities: rtpCaps });
  return { client, joined, rtpCaps };
}

/** Kills the live mediasoup worker process, the way a crash would. */
function killLiveWorker(): void {
  const live = workers.filter((worker) => !worker.closed);
  expect(live).toHaveLength(1);
  process.kill(live[0]?.pid ?? 0, 'SIGKILL');
}

describe('media worker loss', () => {
  it('tells every peer to rejoin, and a rejoin after the respawn works', async () => {
    const roomId = server.directory.create('Worker loss', { kind: 'network', id: '127.0.0.1', name: null }).id;
    const alice = await joinRoom(roomId, 'Alice');
    const bob = await joinRoom(roomId, 'Bob');

    killLiveWorker();
    for (const peer of [alice, bob]) {
      expect(await peer.client.nextNotification('rejoinRequired', 3000)).toEqual({ reason: expect.any(String) });
    }
    expect(server.registry.stats()).toEqual({ rooms: 0, peers: 0 });
    // The evicted session is no longer in a room.
    expect((await alice.client.request('leave', {})).ok).toBe(false);

    await waitFor(() => server.pool.size === 1, 5000, 'the replacement worker');
    const again = await alice.client.call('join', { roomId, displayName: 'Alice', rtpCapabilities: alice.rtpCaps });
    expect(again.peers).toEqual([]);
    expect(again.peerId).not.toBe(alice.joined.peerId);
  });

  it('answers unavailable while no media worker is alive', async () => {
    await waitFor(() => server.pool.size === 1, 5000, 'a live worker');
    const client = await SignalingClient.connect(server.url);
    clients.push(client);
    killLiveWorker();
    await waitFor(() => server.pool.size === 0, 2000, 'the pool to drop the dead worker');
    const response = await client.request('getRouterRtpCapabilities', {
      roomId: server.directory.create('Respawn', { kind: 'network', id: '127.0.0.1', name: null }).id,
    });
    expect(response.ok ? 'ok' : response.error.code).toBe('unavailable');
  });
});
