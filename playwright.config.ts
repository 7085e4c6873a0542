import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromiumLaunchOptions } from './e2e/support/chromium';
import { e2ePort, signInServer } from './e2e/support/servers';

/** A port of its own so the tests never meet a server started by hand on 8080. */
const port = e2ePort;
/** A database of its own for each run; the test machine's address counts as the State network. */
const dataDir = mkdtempSync(path.join(tmpdir(), 'webconf-e2e-'));
const workerBin = process.env.MEDIASOUP_WORKER_BIN ?? '/usr/lib/x86_64-linux-gnu/mediasoup/mediasoup-worker';

/**
 * End-to-end tests: the built web client served by the real server with the real SFU, driven in
 * Debian's Chromium with fake camera and microphone. Run `npm run build` first (npm run check does).
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1, // each test runs three browser peers: the machine has two cores
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: chromiumLaunchOptions,
    trace: 'retain-on-failure',
  },
  webServer: [
    {
      command: 'node --enable-source-maps dist/server/index.js',
      url: `http://127.0.0.1:${port}/healthz`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: {
        WEBCONF_HOST: '127.0.0.1',
        WEBCONF_PORT: String(port),
        WEBCONF_LOG_LEVEL: 'warn',
        WEBCONF_DATABASE: path.join(dataDir, 'webconf.sqlite'),
        WEBCONF_TRUSTED_NETWORKS: '127.0.0.1/32',
        // Low enough that the chat test reaches it however slowly the machine types.
        WEBCONF_CHAT_MESSAGES_PER_10_SECONDS: '5',
        MEDIASOUP_WORKER_BIN:
          process.env.MEDIASOUP_WORKER_BIN ?? '/usr/lib/x86_64-linux-gnu/mediasoup/mediasoup-worker',
      },
    },
    {
      command: 'npx tsx e2e/support/start-issuer.ts',
      url: `http://127.0.0.1:${signInServer.issuerPort}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { ISSUER_PORT: String(signInServer.issuerPort), RELYING_PARTY: `http://127.0.0.1:${signInServer.port}` },
    },
    {
      command: 'node --enable-source-maps dist/server/index.js',
      url: `http://127.0.0.1:${signInServer.port}/healthz`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: {
        WEBCONF_HOST: '127.0.0.1',
        WEBCONF_PORT: String(signInServer.port),
        WEBCONF_PUBLIC_URL: `http://127.0.0.1:${signInServer.port}`,
        WEBCONF_LOG_LEVEL: 'warn',
        WEBCONF_DATABASE: path.join(dataDir, 'sign-in.sqlite'),
        WEBCONF_OIDC_ISSUER: `http://127.0.0.1:${signInServer.issuerPort}`,
        WEBCONF_OIDC_CLIENT_ID: 'webconf',
        WEBCONF_OIDC_CLIENT_SECRET: 'webconf-test-secret-that-is-long-enough',
        WEBCONF_MEDIA_WORKERS: '1',
        WEBCONF_RTC_MIN_PORT: '50000',
        WEBCONF_RTC_MAX_PORT: '50999',
        MEDIASOUP_WORKER_BIN: workerBin,
      },
    },
  ],
});
