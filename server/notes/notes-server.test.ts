/**
 * The notes endpoint speaks the standard protocol: the stock y-websocket client (npm) syncs with
 * it, given a participant's session token, and is refused without one. Read-only notes drop a
 * guest's edits; the text survives a server restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { NOTES_PATH } from '../../common/limits';
import type { WebconfServer } from '../app';
import { withTimeout } from '../test-support/wait';
import { createTestRoom, startTestServer } from '../test-support/test-server';

const dir = mkdtempSync(path.join(tmpdir(), 'webconf-notes-'));
const providers: WebsocketProvider[] = [];
const servers: WebconfServer[] = [];

afterEach(async () => {
  providers.splice(0).forEach((provider) => provider.destroy());
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function start(database = ':memory:'): Promise<WebconfServer> {
  const server = await startTestServer({ database });
  servers.push(server);
  return server;
}

const token = (server: WebconfServer, roomId: string, role: 'moderator' | 'participant' = 'participant') =>
  server.tokens.issueSessionToken({ roomId, participantId: `p-${role}`, role, displayName: role, agent: false });

/** A stock y-websocket client, as any Yjs application would connect. */
function connect(
  server: WebconfServer,
  roomId: string,
  sessionToken: string | null,
): { doc: Y.Doc; provider: WebsocketProvider } {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(server.url.replace(/^http/, 'ws') + NOTES_PATH, roomId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: sessionToken ? { token: sessionToken } : {},
    maxBackoffTime: 200,
    // Same-process providers would otherwise talk through a BroadcastChannel, not the server.
    disableBc: true,
  });
  providers.push(provider);
  return { doc, provider };
}

function synced(provider: WebsocketProvider): Promise<void> {
  return withTimeout(
    new Promise<void>((resolve) => (provider.synced ? resolve() : provider.once('sync', () => resolve()))),
    5000,
    'the notes to sync',
  );
}

async function textBecomes(doc: Y.Doc, expected: string): Promise<void> {
  const text = doc.getText('notes');
  await withTimeout(
    new Promise<void>((resolve) => {
      const check = () => text.toString() === expected && resolve();
      text.observe(check);
      check();
    }),
    5000,
    `the notes to read "${expected}"`,
  );
}

describe('shared notes', () => {
  it('syncs two stock y-websocket clients holding session tokens', async () => {
    const server = await start();
    const roomId = createTestRoom(server);
    const alice = connect(server, roomId, await token(server, roomId));
    const bob = connect(server, roomId, await token(server, roomId));
    await Promise.all([synced(alice.provider), synced(bob.provider)]);
    // Both type at once; each must end up with both edits, in the same order.
    alice.doc.getText('notes').insert(0, 'Ordre du jour');
    bob.doc.getText('notes').insert(0, '# ');
    const both = (doc: Y.Doc) => {
      const text = doc.getText('notes').toString();
      return text.includes('Ordre du jour') && text.includes('# ');
    };
    await withTimeout(
      new Promise<void>((resolve) => {
        const check = () => both(alice.doc) && both(bob.doc) && resolve();
        alice.doc.on('update', check);
        bob.doc.on('update', check);
        check();
      }),
      5000,
      'both edits on both sides',
    );
    expect(alice.doc.getText('notes').toString()).toBe(bob.doc.getText('notes').toString());
  });

  it('refuses a connection without a valid token for that room', async () => {
    const server = await start();
    const roomId = createTestRoom(server);
    const otherRoom = createTestRoom(server);
    for (const bad of ['', `?token=${await token(server, otherRoom)}`, '?token=forged.token.value']) {
      const status = await new Promise<number>((resolve) => {
        const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}${NOTES_PATH}/${roomId}${bad}`);
        socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        socket.on('open', () => resolve(101));
      });
      expect(status, bad || 'no token').toBe(401);
    }
  });

  it("drops a guest's edits when the notes are read-only, not a moderator's", async () => {
    const server = await start();
    const roomId = createTestRoom(server);
    const stored = server.directory.find(roomId)!;
    server.directory.saveSettings(roomId, { ...stored.settings, notesReadOnly: true });
    const moderator = connect(server, roomId, await token(server, roomId, 'moderator'));
    const guest = connect(server, roomId, await token(server, roomId));
    await Promise.all([synced(moderator.provider), synced(guest.provider)]);
    guest.doc.getText('notes').insert(0, 'vandalisme ');
    moderator.doc.getText('notes').insert(0, 'Compte rendu');
    await withTimeout(
      new Promise<void>((resolve) => {
        const seen = () => guest.doc.getText('notes').toString().includes('Compte rendu') && resolve();
        guest.doc.getText('notes').observe(seen);
        seen();
      }),
      5000,
      'the guest to receive the moderator’s text',
    );
    expect(moderator.doc.getText('notes').toString()).toBe('Compte rendu'); // the guest's edit never arrived…
    const observer = connect(server, roomId, await token(server, roomId));
    await synced(observer.provider);
    await textBecomes(observer.doc, 'Compte rendu'); // …nor reached anyone who came later
  });

  it('keeps the notes across a server restart', async () => {
    const database = path.join(dir, 'notes.sqlite');
    const first = await start(database);
    const roomId = createTestRoom(first);
    const writer = connect(first, roomId, await token(first, roomId));
    await synced(writer.provider);
    writer.doc.getText('notes').insert(0, 'Décisions prises');
    const reader = connect(first, roomId, await token(first, roomId));
    await textBecomes(reader.doc, 'Décisions prises');
    providers.splice(0).forEach((provider) => provider.destroy());
    await first.close();
    servers.splice(0);
    const second = await start(database);
    const later = connect(second, roomId, await token(second, roomId));
    await textBecomes(later.doc, 'Décisions prises');
  });
});
