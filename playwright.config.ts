import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromiumLaunchOptions } from './e2e/support/chromium';

/** A port of its own so the tests never meet a server started by hand on 8080. */
const port = Number(process.env.WEBCONF_E2E_PORT ?? 8181);
/** A database of its own for each run; the test machine's address counts as the State network. */
const dataDir = mkdtempSync(path.join(tmpdir(), 'webconf-e2e-'));

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
  webServer: {
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
      MEDIASOUP_WORKER_BIN: process.env.MEDIASOUP_WORKER_BIN ?? '/usr/lib/x86_64-linux-gnu/mediasoup/mediasoup-worker',
    },
  },
});
