/**
 * The HTTP API beside signaling: what the requester may do, creating a room, and looking one up
 * before joining. JSON in and out; state-changing calls accept only JSON from allowed origins.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { SESSION_HEADER } from '../../common/limits';
import { checkPdf } from '../presentations/pdf-check';
import type { PresentationStore } from '../presentations/presentation-store';
import { decideRoomCreation, type Requester } from '../access/policy';
import type { NetworkList } from '../access/networks';
import type { RateLimiter } from '../access/rate-limit';
import type { TokenIssuer } from '../access/tokens';
import type { RoomDirectory } from '../rooms/directory';
import { isAllowedSocketOrigin } from '../signaling/origin-policy';
import { findRoomFor, type SignalingServices } from '../signaling/services';
import { SignalingFailure } from '../signaling/failure';

const MAX_BODY_BYTES = 16 * 1024;

export interface ApiDeps {
  presentations: PresentationStore;
  presentationLimits: { bytes: number; pages: number };
  /** Whether agents can sign in here (an OpenID Connect issuer is configured). */
  signInAvailable: boolean;
  directory: RoomDirectory;
  tokens: TokenIssuer;
  trustedNetworks: NetworkList;
  roomCreations: RateLimiter;
  services: SignalingServices;
  allowedOrigins: readonly string[];
  maxTitleLength: number;
}

export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  requester: Requester,
  deps: ApiDeps,
): Promise<void> {
  // The desktop app (app://webconf) calls the API cross-origin: allow exactly the listed origins.
  const origin = req.headers.origin;
  if (origin && deps.allowedOrigins.includes(origin)) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
  }
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
    res.setHeader('Access-Control-Allow-Headers', `Content-Type, ${SESSION_HEADER}`);
    res.setHeader('Access-Control-Max-Age', '600');
    res.writeHead(204);
    res.end();
    return;
  }
  if (path === '/api/session' && req.method === 'GET') {
    const decision = decideRoomCreation(requester, deps.trustedNetworks);
    return json(res, 200, {
      agent: requester.agent,
      signInAvailable: deps.signInAvailable,
      canCreateRooms: decision.allowed,
      reason: decision.allowed ? null : decision.reason,
    });
  }
  if (path === '/api/rooms' && req.method === 'POST') return createRoom(req, res, requester, deps);
  const upload = /^\/api\/rooms\/([a-z0-9-]{1,64})\/presentations$/.exec(path);
  if (upload && req.method === 'POST') return uploadPresentation(req, res, upload[1]!, deps);
  const download = /^\/api\/presentations\/([0-9a-f-]{36})$/.exec(path);
  if (download && req.method === 'GET') return sendPresentation(req, res, download[1]!, deps);
  const lookup = /^\/api\/rooms\/([^/]+)$/.exec(path);
  if (lookup && req.method === 'GET') {
    try {
      const room = findRoomFor(deps.services, decodeURIComponent(lookup[1]!), requester.address);
      return json(res, 200, { roomId: room.id, title: room.title, locked: room.settings.locked });
    } catch (error) {
      if (error instanceof SignalingFailure)
        return json(res, error.code === 'rate_limited' ? 429 : 404, failure(error.code, error.message));
      throw error;
    }
  }
  return json(res, 404, failure('not_found', 'no such API'));
}

async function createRoom(
  req: IncomingMessage,
  res: ServerResponse,
  requester: Requester,
  deps: ApiDeps,
): Promise<void> {
  if (!isAllowedSocketOrigin(req.headers.origin, req.headers.host, deps.allowedOrigins)) {
    return json(res, 403, failure('forbidden_origin', 'requests from this page are not accepted'));
  }
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return json(res, 415, failure('unsupported_media_type', 'send JSON'));
  }
  const decision = decideRoomCreation(requester, deps.trustedNetworks);
  if (!decision.allowed) {
    return json(
      res,
      403,
      failure(decision.reason, 'only State agents may create rooms: sign in, or connect from the State network'),
    );
  }
  if (!deps.roomCreations.take(requester.address ?? 'unknown')) {
    return json(res, 429, failure('rate_limited', 'too many rooms created from this address; try again later'));
  }
  const body = await readJson(req);
  const parsed = z
    .object({
      title: z
        .string()
        .transform((t) => t.replace(/\s+/g, ' ').trim())
        .pipe(z.string().min(1).max(deps.maxTitleLength)),
    })
    .safeParse(body);
  if (!parsed.success) {
    return json(res, 400, failure('invalid_data', `title: 1 to ${deps.maxTitleLength} characters`));
  }
  const room = deps.directory.create(parsed.data.title, decision.creator);
  const hostToken = await deps.tokens.issueHostToken(room.id);
  return json(res, 201, { roomId: room.id, title: room.title, hostToken });
}

/** Only the room's participants (their session token) upload, and only real PDFs are kept. */
async function uploadPresentation(
  req: IncomingMessage,
  res: ServerResponse,
  roomId: string,
  deps: ApiDeps,
): Promise<void> {
  const claims = await deps.tokens.readSessionToken(sessionTokenOf(req), roomId);
  if (!claims) return json(res, 401, failure('unauthorized', 'join the room first'));
  const limits = deps.presentationLimits;
  const data = await readBody(req, limits.bytes);
  if (data === null) {
    return json(
      res,
      413,
      failure('too_large', `a presentation weighs at most ${Math.round(limits.bytes / 1048576)} MB`),
    );
  }
  const check = await checkPdf(data, limits.pages);
  if (!check.ok) {
    const messages = {
      'not-pdf': 'this file is not a PDF',
      unreadable: 'this PDF cannot be read',
      'too-many-pages': `a presentation has at most ${limits.pages} pages`,
    };
    return json(res, 415, failure(check.reason, messages[check.reason]));
  }
  const stored = deps.presentations.save(roomId, data, check.pages);
  return json(res, 201, { presentationId: stored.id, pages: stored.pages });
}

async function sendPresentation(req: IncomingMessage, res: ServerResponse, id: string, deps: ApiDeps): Promise<void> {
  const stored = deps.presentations.find(id);
  const claims = stored ? await deps.tokens.readSessionToken(sessionTokenOf(req), stored.roomId) : null;
  if (!stored || !claims) return json(res, 404, failure('not_found', 'no such presentation for you'));
  const data = await deps.presentations.read(id);
  // Served as a download-only document: never rendered by the browser as a page of ours.
  res.writeHead(200, {
    'Content-Type': 'application/pdf',
    'Content-Length': data.length,
    'Content-Disposition': 'attachment',
    'Cache-Control': 'private, no-store',
    'Content-Security-Policy': 'sandbox',
  });
  res.end(data);
}

function sessionTokenOf(req: IncomingMessage): string | undefined {
  const value = req.headers[SESSION_HEADER.toLowerCase()];
  return typeof value === 'string' ? value : undefined;
}

/** The body, or null past `limit` bytes (stops reading, so a huge upload costs nothing more). */
async function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array | null> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.destroy();
      return null;
    }
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

function failure(code: string, message: string) {
  return { error: { code, message } };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}
