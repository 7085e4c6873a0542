/**
 * Agent sign-in for the desktop app (RFC 8252): the system browser signs in at our server, which
 * sends it back to a loopback address served here with a one-time code; we redeem the code for
 * the server's session token, proving with a PKCE-style verifier that we started the sign-in.
 * Nothing here touches Electron: the browser opener and fetch are parameters.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AgentSession {
  /** The server's session token: kept in the main process, sent as a bearer token. */
  token: string;
  expiresAt: number;
  agent: { sub: string; name: string | null };
}

export interface SignInDeps {
  serverUrl: string;
  /** Opens the system browser. */
  openExternal: (url: string) => Promise<void>;
  fetch?: typeof fetch;
  /** How long the user has to sign in (default 5 minutes). */
  timeoutMs?: number;
}

export class SignInError extends Error {}

const DONE_PAGE = `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Webconf</title>
<body style="font-family:sans-serif;margin:3rem"><h1>Vous êtes connecté à Webconf</h1>
<p>Vous pouvez fermer cet onglet et revenir dans l’application.</p>
<p lang="en">You are signed in: close this tab and go back to the app.</p></body></html>`;

export async function signInThroughBrowser(deps: SignInDeps): Promise<AgentSession> {
  const state = randomBytes(32).toString('base64url');
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const port = (server.address() as AddressInfo).port;
    const login = new URL('/auth/login', deps.serverUrl);
    login.searchParams.set('desktop', `http://127.0.0.1:${port}/callback`);
    login.searchParams.set('state', state);
    login.searchParams.set('code_challenge', challenge);
    const code = waitForCode(server, state, deps.timeoutMs ?? 5 * 60_000);
    await deps.openExternal(login.href);
    return await redeem(deps, await code, verifier);
  } finally {
    server.close();
  }
}

function waitForCode(server: Server, state: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new SignInError('sign-in took too long')), timeoutMs);
    server.on('request', (req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const code = url.searchParams.get('code');
      // Anything but our callback with our state is ignored: another page may probe the port.
      if (req.method !== 'GET' || url.pathname !== '/callback' || url.searchParams.get('state') !== state || !code) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(DONE_PAGE);
      clearTimeout(timer);
      resolve(code);
    });
  });
}

async function redeem(deps: SignInDeps, code: string, codeVerifier: string): Promise<AgentSession> {
  const response = await (deps.fetch ?? fetch)(new URL('/auth/desktop/token', deps.serverUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code, codeVerifier }),
    signal: AbortSignal.timeout(15_000),
  });
  if (!response.ok) throw new SignInError(`the server refused the sign-in code (HTTP ${response.status})`);
  const session = (await response.json()) as AgentSession;
  if (typeof session.token !== 'string' || typeof session.expiresAt !== 'number' || !session.agent?.sub) {
    throw new SignInError('the server answered the sign-in with something unexpected');
  }
  return session;
}
