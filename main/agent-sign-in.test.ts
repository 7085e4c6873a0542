/**
 * The desktop sign-in end to end, without Electron: our real server, a real OpenID Connect issuer
 * and Debian's Chromium standing in for the system browser; the loopback redirect and the code
 * exchange are the main-process code under test.
 */
import { chromium, type Browser } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebconfServer, type WebconfServer } from '../server/app';
import { parseConfig } from '../server/config';
import { createLogger } from '../server/logger';
import { startTestIssuer, type TestIssuer } from '../server/test-support/oidc-issuer';
import { chromiumLaunchOptions } from '../e2e/support/chromium';
import { createAgentAccount } from './agent-account';
import type { AgentSession } from './agent-sign-in';

const dir = mkdtempSync(path.join(tmpdir(), 'webconf-desktop-sign-in-'));
let issuer: TestIssuer;
let server: WebconfServer;
let browser: Browser;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeAll(async () => {
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
  const port = await freePort();
  issuer = await startTestIssuer({ relyingParty: `http://127.0.0.1:${port}` });
  const config = parseConfig({
    port,
    logLevel: 'silent',
    staticDir: dir,
    database: ':memory:',
    media: { workers: 1 },
    oidc: { issuer: issuer.issuer, clientId: issuer.clientId, clientSecret: issuer.clientSecret },
  });
  server = await createWebconfServer(config, createLogger('silent'));
  browser = await chromium.launch(chromiumLaunchOptions);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await issuer?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The "system browser": opens the URL and signs in on the issuer's page as an agent would. */
async function systemBrowser(url: string): Promise<void> {
  const page = await browser.newPage();
  await page.goto(url);
  await page.locator('input[name="login"]').fill('camille.durand');
  await page.locator('input[name="password"]').fill('un mot de passe');
  await page.locator('button[type="submit"]').click();
  await page.waitForLoadState();
  if (new URL(page.url()).origin === issuer.issuer) await page.locator('button[type="submit"]').click();
  await page.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/callback\?/);
  expect(await page.locator('h1').innerText()).toContain('connecté');
  await page.close();
}

async function sessionWith(token: string | null) {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  return (await (await fetch(`${server.url}/api/session`, { headers })).json()) as {
    agent: { sub: string; name: string } | null;
    canCreateRooms: boolean;
  };
}

describe('desktop agent sign-in (RFC 8252 loopback)', () => {
  it('signs in through the browser, keeps the token in the main process, and signs out', async () => {
    let stored: AgentSession | null = null;
    const account = createAgentAccount({
      serverUrl: server.url,
      store: { get: () => stored, save: (s) => (stored = s), clear: () => (stored = null) },
      openExternal: systemBrowser,
      timeoutMs: 30_000,
    });
    const agent = await account.signIn();
    expect(agent).toEqual({ sub: 'camille.durand', name: 'Camille Durand' });
    const token = account.token();
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(await sessionWith(token)).toMatchObject({ agent: { sub: 'camille.durand' }, canCreateRooms: true });
    expect(await sessionWith(null)).toMatchObject({ agent: null, canCreateRooms: false });

    const opened: string[] = [];
    const signOutAccount = createAgentAccount({
      serverUrl: server.url,
      store: { get: () => stored, save: (s) => (stored = s), clear: () => (stored = null) },
      openExternal: async (url) => void opened.push(url),
    });
    await signOutAccount.signOut();
    expect(stored).toBeNull();
    expect(await sessionWith(token)).toMatchObject({ agent: null });
    expect(opened[0]).toMatch(new RegExp(`^${issuer.issuer}/`)); // ends the issuer's session too
  }, 60_000);

  it('refuses a forged, reused or unproven one-time code', async () => {
    const redeem = (code: string, codeVerifier: string) =>
      fetch(`${server.url}/auth/desktop/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code, codeVerifier }),
      });
    expect((await redeem('made-up-code', 'x'.repeat(43))).status).toBe(400);
    expect((await redeem('', '')).status).toBe(400);
  });

  it('refuses a desktop sign-in whose redirect is not a loopback callback', async () => {
    const start = (desktop: string) =>
      fetch(
        `${server.url}/auth/login?desktop=${encodeURIComponent(desktop)}&state=${'s'.repeat(43)}&code_challenge=${'c'.repeat(43)}`,
        { redirect: 'manual' },
      );
    expect((await start('http://127.0.0.1:4567/callback')).status).toBe(302);
    for (const bad of [
      'https://evil.example/callback',
      'http://localhost:4567/callback',
      'http://127.0.0.1/callback',
      'http://127.0.0.1:4567/other',
    ]) {
      expect((await start(bad)).status, bad).toBe(400);
    }
  });
});
