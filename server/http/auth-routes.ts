/**
 * Agent sign-in through the organisation's OpenID Connect issuer (ProConnect), for the web client:
 * /auth/login redirects to the issuer, /auth/callback opens a server-side session (cookie),
 * /auth/logout closes it here and at the issuer. No token ever reaches the browser's scripts.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AgentIdentity, OidcClient } from '../auth/oidc-client';
import type { AgentSessionStore } from '../data/agent-sessions';
import type { Logger } from '../logger';
import { isAllowedSocketOrigin } from '../signaling/origin-policy';
import { readCookie, setCookie } from './cookies';

export const SESSION_COOKIE = 'webconf_session';
const LOGIN_COOKIE = 'webconf_login';
const PENDING_TTL_MS = 10 * 60_000;
const MAX_PENDING = 10_000;

interface PendingLogin {
  nonce: string;
  codeVerifier: string | null;
  returnTo: string;
  at: number;
  /** Set when the desktop app started the sign-in (RFC 8252 loopback redirect). */
  desktop: DesktopLogin | null;
}

interface DesktopLogin {
  /** http://127.0.0.1:<port>/callback, run by the app's main process. */
  redirect: string;
  /** The app's own state, handed back to it. */
  state: string;
  /** S256 of the app's verifier: only the app that started can redeem the code. */
  challenge: string;
}

/** What a one-time code redeems: the identity, for the app that proves it started the sign-in. */
interface DesktopCode {
  identity: AgentIdentity;
  idToken: string;
  challenge: string;
  at: number;
}

const DESKTOP_CODE_TTL_MS = 60_000;

/** Only the loopback interface, an explicit port, our callback path (RFC 8252 §7.3). */
export function isLoopbackRedirect(value: string | null): value is string {
  if (!value) return false;
  try {
    const url = new URL(value);
    return (
      url.protocol === 'http:' &&
      (url.hostname === '127.0.0.1' || url.hostname === '[::1]') &&
      url.port !== '' &&
      url.pathname === '/callback' &&
      url.search === '' &&
      url.username === '' &&
      url.password === ''
    );
  } catch {
    return false;
  }
}

/** The bearer token the desktop app's main process adds to its requests, if any. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(req.headers.authorization ?? '');
  return match?.[1];
}

export interface AuthDeps {
  oidc: () => Promise<OidcClient>;
  sessions: AgentSessionStore;
  sessionTtlMs: number;
  secureCookies: boolean;
  allowedOrigins: readonly string[];
  log: Logger;
}

/** ≥ 32 characters, as ProConnect requires of state and nonce (43 here). */
const randomToken = () => randomBytes(32).toString('base64url');

/** Only a path of this site: never an absolute or protocol-relative URL (open redirect). */
export function safeReturnPath(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  return value;
}

export function createAuthRoutes(deps: AuthDeps) {
  const pendingLogins = new Map<string, PendingLogin>();
  const pendingLogouts = new Map<string, number>();
  const desktopCodes = new Map<string, DesktopCode>();

  const prune = () => {
    const oldest = Date.now() - PENDING_TTL_MS;
    for (const [state, login] of pendingLogins) if (login.at < oldest) pendingLogins.delete(state);
    for (const [state, at] of pendingLogouts) if (at < oldest) pendingLogouts.delete(state);
    for (const [code, entry] of desktopCodes)
      if (entry.at < Date.now() - DESKTOP_CODE_TTL_MS) desktopCodes.delete(code);
  };

  async function login(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const oidc = await deps.oidc();
    prune();
    if (pendingLogins.size >= MAX_PENDING) return text(res, 503, 'too many sign-ins in progress; try again shortly');
    const desktop = desktopLoginOf(url);
    if (desktop === 'invalid') return text(res, 400, 'bad desktop sign-in request');
    const state = randomToken();
    const nonce = randomToken();
    const codeVerifier = oidc.usesPkce ? randomToken() : null;
    const codeChallenge = codeVerifier ? createHash('sha256').update(codeVerifier).digest('base64url') : null;
    pendingLogins.set(state, {
      nonce,
      codeVerifier,
      returnTo: safeReturnPath(url.searchParams.get('returnTo')),
      at: Date.now(),
      desktop,
    });
    // Binds the answer to this browser: a callback URL replayed elsewhere finds no cookie.
    setCookie(res, LOGIN_COOKIE, state, {
      maxAgeSeconds: PENDING_TTL_MS / 1000,
      path: '/auth',
      secure: deps.secureCookies,
    });
    redirect(res, oidc.authorizationUrl({ state, nonce, codeChallenge }));
  }

  async function callback(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const state = url.searchParams.get('state') ?? '';
    const pending = pendingLogins.get(state);
    pendingLogins.delete(state);
    const code = url.searchParams.get('code');
    if (!pending || readCookie(req, LOGIN_COOKIE) !== state || !code || Date.now() - pending.at > PENDING_TTL_MS) {
      deps.log.warn({ error: url.searchParams.get('error') }, 'sign-in callback refused');
      return redirect(res, '/?signin=failed');
    }
    try {
      const { identity, idToken } = await (await deps.oidc()).identify(code, pending.codeVerifier, pending.nonce);
      setCookie(res, LOGIN_COOKIE, '', { maxAgeSeconds: 0, path: '/auth', secure: deps.secureCookies });
      if (pending.desktop) {
        // The browser gets no session: the app's main process redeems this code for one.
        prune();
        const oneTimeCode = randomToken();
        desktopCodes.set(oneTimeCode, { identity, idToken, challenge: pending.desktop.challenge, at: Date.now() });
        const back = new URL(pending.desktop.redirect);
        back.searchParams.set('code', oneTimeCode);
        back.searchParams.set('state', pending.desktop.state);
        deps.log.info({ sub: identity.sub }, 'agent signed in (desktop)');
        return redirect(res, back.href);
      }
      const id = deps.sessions.open({ ...identity, idToken }, deps.sessionTtlMs);
      setCookie(res, SESSION_COOKIE, id, {
        maxAgeSeconds: deps.sessionTtlMs / 1000,
        path: '/',
        secure: deps.secureCookies,
      });
      deps.log.info({ sub: identity.sub }, 'agent signed in');
      redirect(res, pending.returnTo);
    } catch (error) {
      deps.log.warn({ err: (error as Error).message }, 'sign-in failed');
      redirect(res, '/?signin=failed');
    }
  }

  /** The desktop app's main process redeems its one-time code (once, within a minute). */
  async function desktopToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readSmallJson(req);
    const code = typeof body?.code === 'string' ? body.code : '';
    const verifier = typeof body?.codeVerifier === 'string' ? body.codeVerifier : '';
    const entry = desktopCodes.get(code);
    desktopCodes.delete(code);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    if (!entry || Date.now() - entry.at > DESKTOP_CODE_TTL_MS || challenge !== entry.challenge) {
      return json(res, 400, { error: { code: 'invalid_grant', message: 'unknown, used or expired code' } });
    }
    const token = deps.sessions.open({ ...entry.identity, idToken: entry.idToken }, deps.sessionTtlMs);
    json(res, 200, {
      token,
      expiresAt: Date.now() + deps.sessionTtlMs,
      agent: { sub: entry.identity.sub, name: entry.identity.name },
    });
  }

  async function logout(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedSocketOrigin(req.headers.origin, req.headers.host, deps.allowedOrigins))
      return text(res, 403, 'forbidden');
    const id = bearerToken(req) ?? readCookie(req, SESSION_COOKIE);
    const session = deps.sessions.find(id);
    deps.sessions.close(id);
    setCookie(res, SESSION_COOKIE, '', { maxAgeSeconds: 0, path: '/', secure: deps.secureCookies });
    let redirectTo = '/';
    if (session?.idToken) {
      const state = randomToken();
      prune();
      pendingLogouts.set(state, Date.now());
      redirectTo = (await deps.oidc()).endSessionUrl(session.idToken, state) ?? '/';
    }
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify({ redirectTo }));
  }

  function logoutCallback(res: ServerResponse, url: URL): void {
    const state = url.searchParams.get('state') ?? '';
    const known = pendingLogouts.delete(state);
    redirect(res, known ? '/?signout=done' : '/');
  }

  /** Handles /auth/*; false when the path is not one of ours. */
  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const route = `${req.method} ${url.pathname}`;
    try {
      if (route === 'GET /auth/login') await login(req, res, url);
      else if (route === 'GET /auth/callback') await callback(req, res, url);
      else if (route === 'POST /auth/logout') await logout(req, res);
      else if (route === 'POST /auth/desktop/token') await desktopToken(req, res);
      else if (route === 'GET /auth/logout/callback') logoutCallback(res, url);
      else return false;
    } catch (error) {
      deps.log.error({ err: (error as Error).message, route }, 'sign-in route failed');
      if (!res.headersSent) text(res, 502, 'the identity provider cannot be reached; try again later');
    }
    return true;
  };
}

function desktopLoginOf(url: URL): DesktopLogin | null | 'invalid' {
  const redirectTo = url.searchParams.get('desktop');
  if (redirectTo === null) return null;
  const state = url.searchParams.get('state') ?? '';
  const challenge = url.searchParams.get('code_challenge') ?? '';
  const validState = state.length >= 32 && state.length <= 200;
  if (!isLoopbackRedirect(redirectTo) || !validState || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) return 'invalid';
  return { redirect: redirectTo, state, challenge };
}

async function readSmallJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 4096) return null;
  }
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
}

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(body);
}
