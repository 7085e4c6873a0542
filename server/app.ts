/**
 * Wires the server together: media workers, rooms, the HTTP server (web client + health) and the
 * signaling WebSocket. `createWebconfServer` is what index.ts and the tests start.
 */
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_FRAME_BYTES, NOTES_PATH, SIGNALING_PATH } from '../common/signaling';
import { clientAddress, networkList } from './access/networks';
import { RateLimiter } from './access/rate-limit';
import { loadSessionSecret } from './access/session-secret';
import { TokenIssuer } from './access/tokens';
import type { ServerConfig } from './config';
import { openDatabase } from './data/database';
import { ChatStore } from './data/chat';
import { RoomStore } from './data/rooms';
import { handleApi, type ApiDeps } from './http/api';
import { bearerToken, createAuthRoutes, SESSION_COOKIE } from './http/auth-routes';
import { readCookie } from './http/cookies';
import { OidcClient } from './auth/oidc-client';
import { AgentSessionStore } from './data/agent-sessions';
import type { Requester } from './access/policy';
import { RoomDirectory } from './rooms/directory';
import { NoteStore } from './data/notes';
import { NotesServer } from './notes/notes-server';
import { PresentationStore } from './presentations/presentation-store';

/** A shared notes document's updates are small; a whole pasted text stays under this. */
const MAX_NOTES_FRAME_BYTES = 2 * 1024 * 1024;
import { setSecurityHeaders } from './http/security-headers';
import { sendText, serveStatic } from './http/static-files';
import { serveUpdateFeed, UPDATES_PATH } from './http/update-feed';
import type { Logger } from './logger';
import { createMediasoupWorker } from './media/mediasoup-sfu';
import type { SfuWorker } from './media/sfu';
import { WorkerPool } from './media/worker-pool';
import { RoomRegistry } from './rooms/registry';
import { serveSignaling } from './signaling/connection';
import { isAllowedSocketOrigin } from './signaling/origin-policy';
import type { SignalingServices } from './signaling/services';

const HEARTBEAT_MS = 15_000;

export interface WebconfServer {
  /** Base URL, e.g. http://127.0.0.1:8080 */
  readonly url: string;
  readonly pool: WorkerPool;
  readonly registry: RoomRegistry;
  readonly directory: RoomDirectory;
  readonly tokens: TokenIssuer;
  close(): Promise<void>;
}

export interface ServerDeps {
  /** Replaces the mediasoup worker factory (tests of worker failure). */
  createWorker?: (id: number) => Promise<SfuWorker>;
}

export async function createWebconfServer(
  config: ServerConfig,
  log: Logger,
  deps: ServerDeps = {},
): Promise<WebconfServer> {
  // The pool is created before the registry that handles its losses.
  let onWorkerLost: (worker: SfuWorker) => void = () => undefined;
  const pool = await WorkerPool.create({
    size: config.media.workers,
    createWorker: deps.createWorker ?? ((id) => createMediasoupWorker(id, config.media)),
    onWorkerLost: (worker) => onWorkerLost(worker),
    log,
  });
  const rooms = new RoomRegistry(pool, log);
  onWorkerLost = (worker) => rooms.handleWorkerLost(worker);
  const startedAt = Date.now();

  const db = openDatabase(config.database);
  const agentSessions = new AgentSessionStore(db);
  // Beside the database; an in-memory database gets a folder for this run only.
  const presentations = new PresentationStore(
    db,
    config.database === ':memory:'
      ? mkdtempSync(path.join(tmpdir(), 'webconf-presentations-'))
      : path.join(path.dirname(config.database), 'presentations'),
  );
  const directory = new RoomDirectory(new RoomStore(db), config.rooms.expireAfterDays);
  const tokens = new TokenIssuer(
    loadSessionSecret(config.sessionSecret, config.database),
    config.rooms.expireAfterDays * 86_400,
  );
  const trustedNetworks = networkList(config.access.trustedNetworks);
  const trustedProxies = networkList(config.access.trustedProxies);
  const services: SignalingServices = {
    registry: rooms,
    directory,
    tokens,
    roomMisses: new RateLimiter(config.limits.roomMissesPerMinute, 60_000),
    joins: new RateLimiter(config.limits.joinsPerMinute, 60_000),
    chat: new ChatStore(db),
    chatMessages: new RateLimiter(config.limits.chatMessagesPer10Seconds, 10_000),
    chatHistory: config.rooms.chatHistory,
    presentations,
    maxParticipants: config.rooms.maxParticipants,
    agentsBypassLobby: config.rooms.agentsBypassLobby,
  };
  // Known once listening (port 0 in tests): the redirect URIs registered at the issuer derive from it.
  let publicUrl = '';
  let discovery: Promise<OidcClient> | null = null;
  const { oidc } = config;
  const oidcClient = (): Promise<OidcClient> => {
    if (!oidc) return Promise.reject(new Error('agent sign-in is not configured'));
    discovery ??= OidcClient.discover({
      issuer: oidc.issuer,
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      scopes: oidc.scopes,
      pkce: oidc.pkce,
      redirectUri: `${publicUrl}/auth/callback`,
      postLogoutRedirectUri: `${publicUrl}/auth/logout/callback`,
    }).catch((error: Error) => {
      discovery = null; // the issuer may be back next time
      throw error;
    });
    return discovery;
  };
  const authRoutes = createAuthRoutes({
    oidc: oidcClient,
    sessions: agentSessions,
    sessionTtlMs: (oidc?.sessionHours ?? 12) * 3_600_000,
    secureCookies: (config.publicUrl ?? '').startsWith('https:'),
    allowedOrigins: config.allowedOrigins,
    log,
  });
  const api: ApiDeps = {
    presentations,
    presentationLimits: {
      bytes: config.limits.presentationMegabytes * 1024 * 1024,
      pages: config.limits.presentationPages,
    },
    signInAvailable: oidc !== undefined,
    directory,
    tokens,
    trustedNetworks,
    roomCreations: new RateLimiter(config.limits.roomCreationsPerHour, 3_600_000),
    services,
    allowedOrigins: config.allowedOrigins,
    maxTitleLength: config.rooms.maxTitleLength,
  };
  const addressOf = (req: IncomingMessage) =>
    clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trustedProxies);
  const agentOf = (req: IncomingMessage): Requester['agent'] => {
    // Browsers carry the session cookie; the desktop app's main process adds a bearer token.
    const session = agentSessions.find(bearerToken(req) ?? readCookie(req, SESSION_COOKIE));
    return session ? { sub: session.sub, name: session.name } : null;
  };
  const requesterOf = (req: IncomingMessage): Requester => ({ address: addressOf(req), agent: agentOf(req) });
  const sweep = setInterval(() => {
    const deleted = directory.deleteExpired();
    if (deleted > 0) log.info({ deleted }, 'expired rooms deleted');
    agentSessions.deleteExpired();
    presentations.deleteOrphans();
  }, 3_600_000);
  sweep.unref();

  const http = createServer((req, res) => {
    setSecurityHeaders(res);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path.startsWith('/auth/')) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      void authRoutes(req, res, url).then((handled) => {
        if (!handled) sendText(res, 404, 'not found');
      });
      return;
    }
    if (path.startsWith('/api/')) {
      handleApi(req, res, path, requesterOf(req), api).catch((error: Error) => {
        log.error({ err: error.message, path }, 'API request failed');
        if (!res.headersSent) sendText(res, 500, 'internal error');
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'method not allowed');
    if (path === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(
        JSON.stringify({
          status: 'ok',
          uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
          workers: pool.size,
          ...rooms.stats(),
        }),
      );
      return;
    }
    if (config.updatesDir && path.startsWith(UPDATES_PATH)) {
      serveUpdateFeed(config.updatesDir, req, res, path).catch((error: Error) => {
        log.error({ err: error.message, path }, 'update feed failed');
        if (!res.headersSent) sendText(res, 500, 'internal error');
      });
      return;
    }
    serveStatic(config.staticDir, req, res).catch((error: Error) => {
      log.error({ err: error.message, path }, 'static file failed');
      if (!res.headersSent) sendText(res, 500, 'internal error');
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const notesWss = new WebSocketServer({ noServer: true, maxPayload: MAX_NOTES_FRAME_BYTES });
  const notes = new NotesServer(new NoteStore(db), log);
  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path.startsWith(`${NOTES_PATH}/`)) {
      const refuse = (status: string) => socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
      if (!isAllowedSocketOrigin(req.headers.origin, req.headers.host, config.allowedOrigins))
        return refuse('403 Forbidden');
      const roomId = decodeURIComponent(path.slice(NOTES_PATH.length + 1));
      // Only participants of the room: the session token they got when joining it.
      void tokens.readSessionToken(url.searchParams.get('token') ?? undefined, roomId).then((claims) => {
        if (!claims || !directory.find(roomId)) return refuse('401 Unauthorized');
        notesWss.handleUpgrade(req, socket, head, (ws) =>
          notes.serve({
            socket: ws,
            roomId,
            mayEdit: () => claims.role === 'moderator' || !(directory.find(roomId)?.settings.notesReadOnly ?? true),
          }),
        );
      });
      return;
    }
    if (
      path !== SIGNALING_PATH ||
      !isAllowedSocketOrigin(req.headers.origin, req.headers.host, config.allowedOrigins)
    ) {
      log.warn({ path, origin: req.headers.origin }, 'signaling upgrade refused');
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  const alive = new WeakSet<WebSocket>();
  wss.on('connection', (ws, req: IncomingMessage) => {
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
    serveSignaling(
      ws,
      { services, requester: requesterOf(req), messagesPerSecond: config.limits.messagesPerSecond },
      log,
    );
  });
  // A peer whose network vanished never closes its socket: ping, and drop the silent ones.
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.delete(ws)) ws.terminate();
      else ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  await listen(http, config.port, config.host);
  const { port } = http.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  publicUrl = (config.publicUrl ?? url).replace(/\/$/, '');
  log.info({ url, workers: pool.size }, 'webconf server listening');

  return {
    url,
    pool,
    registry: rooms,
    directory,
    tokens,
    async close() {
      clearInterval(heartbeat);
      clearInterval(sweep);
      for (const ws of wss.clients) ws.close(1001, 'server shutting down');
      rooms.closeAll();
      pool.close();
      for (const ws of notesWss.clients) ws.close(1001, 'server shutting down');
      notes.closeAll();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      db.close();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
