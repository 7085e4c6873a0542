/**
 * Join benchmark: three participants in a room, then a fourth joins again and again; for each run,
 * the time from its click on Join to its first remote video frame on screen, plus where that time
 * went (the conference layer's "webconf:*" performance marks).
 *
 * Prints: join_to_first_frame_ms median=<n> p95=<n> runs=<n>
 * Needs a build (npm run build). Environment: BENCH_RUNS (default 12), BENCH_PORT (default 8282),
 * BENCH_SEATED_CAMERA (see below).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/support/chromium';

const runs = Number(process.env.BENCH_RUNS ?? 12);
const port = Number(process.env.BENCH_PORT ?? 8282);
const baseURL = `http://127.0.0.1:${port}`;
let room = '';
/**
 * BENCH_SEATED_CAMERA=360p makes the three seated participants capture 640×360 instead of 720p:
 * on a 2-core machine their encoders otherwise saturate the CPU that the measured join needs.
 */
const lightSeats = process.env.BENCH_SEATED_CAMERA === '360p';

function captureAt360p(): void {
  const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = (constraints) => {
    if (constraints?.video && typeof constraints.video === 'object') {
      constraints = { ...constraints, video: { ...constraints.video, width: { ideal: 640 }, height: { ideal: 360 } } };
    }
    return original(constraints);
  };
}

/** In the page: when Join is clicked, and when the first remote video frame is presented. */
function instrumentJoin(): void {
  const w = window as unknown as { __joinClickAt?: number; __firstFrameAt?: number };
  document.addEventListener(
    'click',
    (event) => {
      if ((event.target as Element | null)?.closest('[data-testid="join-button"]')) w.__joinClickAt = performance.now();
    },
    true,
  );
  const watched = new WeakSet<HTMLVideoElement>();
  new MutationObserver(() => {
    document.querySelectorAll<HTMLVideoElement>('[data-testid="tile-video"]').forEach((video) => {
      if (watched.has(video) || video.closest('[data-peer-id="self"]')) return;
      watched.add(video);
      video.requestVideoFrameCallback(() => (w.__firstFrameAt ??= performance.now()));
    });
  }).observe(document, { childList: true, subtree: true });
}

async function startServer(): Promise<ChildProcess> {
  const server = spawn('node', ['dist/server/index.js'], {
    env: {
      ...process.env,
      WEBCONF_HOST: '127.0.0.1',
      WEBCONF_PORT: String(port),
      WEBCONF_LOG_LEVEL: 'warn',
      WEBCONF_DATABASE: path.join(mkdtempSync(path.join(tmpdir(), 'webconf-bench-')), 'webconf.sqlite'),
      WEBCONF_TRUSTED_NETWORKS: '127.0.0.1/32',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${baseURL}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return server;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  server.kill();
  throw new Error('the server did not start');
}

async function openParticipant(browser: Browser, name: string, instrument = false): Promise<Page> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  if (instrument) await context.addInitScript(instrumentJoin);
  else if (lightSeats) await context.addInitScript(captureAt360p);
  const page = await context.newPage();
  await page.goto(`${baseURL}/r/${room}`);
  await page.getByTestId('display-name').fill(name);
  // The pre-join page has connected and loaded the device once the camera preview plays.
  await page.waitForFunction(
    () => (document.querySelector('[data-testid="preview"]') as HTMLVideoElement | null)?.readyState === 4,
    null,
    { timeout: 20_000 },
  );
  return page;
}

async function join(page: Page, expectedTiles: number): Promise<void> {
  await page.getByTestId('join-button').click();
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="tile-video"]').length >= n,
    expectedTiles,
    { timeout: 30_000 },
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const server = await startServer();
  const created = await fetch(`${baseURL}/api/rooms`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: 'Benchmark' }),
  });
  if (!created.ok) throw new Error(`cannot create the room: HTTP ${created.status}`);
  room = ((await created.json()) as { roomId: string }).roomId;
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    for (const name of ['Agent 1', 'Agent 2', 'Agent 3']) {
      const page = await openParticipant(browser, name);
      await join(page, 1);
    }
    const totals: number[] = [];
    const marks = new Map<string, number[]>();
    for (let run = 0; run < runs; run++) {
      const page = await openParticipant(browser, 'Agent 4', true);
      await join(page, 4);
      await page.waitForFunction(
        () => (window as unknown as { __firstFrameAt?: number }).__firstFrameAt !== undefined,
        null,
        { timeout: 30_000 },
      );
      const result = await page.evaluate(() => {
        const w = window as unknown as { __joinClickAt: number; __firstFrameAt: number };
        const entries = performance
          .getEntriesByType('mark')
          .filter((m) => m.name.startsWith('webconf:') && m.startTime >= w.__joinClickAt)
          .map((m) => [m.name.slice('webconf:'.length), m.startTime - w.__joinClickAt] as const);
        return { total: w.__firstFrameAt - w.__joinClickAt, marks: entries };
      });
      totals.push(result.total);
      for (const [name, at] of result.marks) marks.set(name, [...(marks.get(name) ?? []), at]);
      await page.context().close();
      await new Promise((resolve) => setTimeout(resolve, 500)); // let the others see it leave
    }
    const sorted = [...totals].sort((a, b) => a - b);
    console.log('breakdown (median ms after the click on Join):');
    const rows = [...marks.entries()].map(
      ([name, values]) =>
        [
          name,
          percentile(
            [...values].sort((a, b) => a - b),
            50,
          ),
        ] as const,
    );
    for (const [name, at] of rows.sort((a, b) => a[1] - b[1])) console.log(`  ${name.padEnd(24)} ${at.toFixed(1)}`);
    console.log(`  ${'first remote frame'.padEnd(24)} ${percentile(sorted, 50).toFixed(1)}`);
    console.log(
      `join_to_first_frame_ms median=${Math.round(percentile(sorted, 50))} p95=${Math.round(percentile(sorted, 95))} runs=${sorted.length}`,
    );
  } finally {
    await browser.close();
    server.kill();
  }
}

main().catch((error: Error) => {
  console.error(`bench:join failed: ${error.message}`);
  process.exit(1);
});
