/**
 * Agent sign-in through the organisation's OpenID Connect issuer (ProConnect), for the web client:
 * /auth/login redirects to the issuer, /auth/callback opens a server-side session (cookie),
 * /auth/logout closes it here and at the issuer. No token ever reaches the browser's scripts.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OidcClient } from '../auth/oidc-client';
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

  const prune = () => {
    const oldest = Date.now() - PENDING_TTL_MS;
    for (const [state, login] of pendingLogins) if (login.at < oldest) pendingLogins.delete(state);
    for (const [state, at] of pendingLogouts) if (at < oldest) pendingLogouts.delete(state);
  };

  async function login(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const oidc = await deps.oidc();
    prune();
    if (pendingLogins.size >= MAX_PENDING) return text(res, 503, 'too many sign-ins in progress; try again shortly');
    const state = randomToken();
    const nonce = randomToken();
    const codeVerifier = oidc.usesPkce ? randomToken() : null;
    const codeChallenge = codeVerifier ? createHash('sha256').update(codeVerifier).digest('base64url') : null;
    pendingLogins.set(state, {
      nonce,
      codeVerifier,
      returnTo: safeReturnPath(url.searchParams.get('returnTo')),
      at: Date.now(),
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
      const id = deps.sessions.open({ ...identity, idToken }, deps.sessionTtlMs);
      setCookie(res, SESSION_COOKIE, id, {
        maxAgeSeconds: deps.sessionTtlMs / 1000,
        path: '/',
        secure: deps.secureCookies,
      });
      setCookie(res, LOGIN_COOKIE, '', { maxAgeSeconds: 0, path: '/auth', secure: deps.secureCookies });
      deps.log.info({ sub: identity.sub }, 'agent signed in');
      redirect(res, pending.returnTo);
    } catch (error) {
      deps.log.warn({ err: (error as Error).message }, 'sign-in failed');
      redirect(res, '/?signin=failed');
    }
  }

  async function logout(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedSocketOrigin(req.headers.origin, req.headers.host, deps.allowedOrigins))
      return text(res, 403, 'forbidden');
    const id = readCookie(req, SESSION_COOKIE);
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
      else if (route === 'GET /auth/logout/callback') logoutCallback(res, url);
      else return false;
    } catch (error) {
      deps.log.error({ err: (error as Error).message, route }, 'sign-in route failed');
      if (!res.headersSent) text(res, 502, 'the identity provider cannot be reached; try again later');
    }
    return true;
  };
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
}

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(body);
}
