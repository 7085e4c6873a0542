/** A real Webconf server for integration tests: 127.0.0.1, a free port, an in-memory database. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createWebconfServer, type WebconfServer } from '../app';
import { parseConfig, type ServerConfigInput } from '../config';
import { createLogger } from '../logger';
import { SignalingClient } from './signaling-client';

export async function startTestServer(overrides: Partial<ServerConfigInput> = {}): Promise<WebconfServer> {
  const staticDir = mkdtempSync(path.join(tmpdir(), 'webconf-test-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>');
  const config = parseConfig({
    port: 0,
    logLevel: 'silent',
    staticDir,
    database: ':memory:',
    media: { workers: 1 },
    ...overrides,
  });
  const server = await createWebconfServer(config, createLogger('silent'));
  return {
    ...server,
    async close() {
      await server.close();
      rmSync(staticDir, { recursive: true, force: true });
    },
  };
}

/** A room as an agent on a trusted network would create it (the HTTP API is tested on its own). */
export function createTestRoom(server: WebconfServer, title = 'Test'): string {
  return server.directory.create(title, { kind: 'network', id: '127.0.0.1', name: null }).id;
}

/**
 * A signaling client that joins `roomId` (no media): the join reply, and the client to close.
 * `tokens` carries a host or session token when the test needs a role.
 */
export async function joinRoom(
  server: WebconfServer,
  roomId: string,
  displayName: string,
  tokens: { hostToken?: string; sessionToken?: string } = {},
) {
  const client = await SignalingClient.connect(server.url);
  const { rtpCapabilities } = await client.call('getRouterRtpCapabilities', { roomId });
  const joined = await client.call('join', {
    roomId,
    displayName,
    rtpCapabilities: rtpCapabilities as { codecs: Record<string, unknown>[] },
    ...tokens,
  });
  return { client, ...joined };
}
