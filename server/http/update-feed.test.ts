import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../test-support/test-server';
import type { WebconfServer } from '../app';
import { parseByteRange } from './update-feed';

describe('parseByteRange', () => {
  it.each<[string | undefined, number, ReturnType<typeof parseByteRange>]>([
    [undefined, 100, null],
    ['bytes=0-9', 100, { start: 0, end: 9 }],
    ['bytes=90-', 100, { start: 90, end: 99 }],
    ['bytes=-10', 100, { start: 90, end: 99 }],
    ['bytes=50-500', 100, { start: 50, end: 99 }],
    ['bytes=100-', 100, 'invalid'],
    ['bytes=9-0', 100, 'invalid'],
    ['bytes=0-1,5-6', 100, 'invalid'],
    ['items=0-1', 100, 'invalid'],
    ['bytes=-', 100, 'invalid'],
  ])('%s of %i bytes → %j', (header, size, expected) => expect(parseByteRange(header, size)).toEqual(expected));
});

describe('the /updates/ feed of the server', () => {
  let folder: string;
  let server: WebconfServer;
  const installer = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'webconf-feed-'));
    writeFileSync(path.join(folder, 'latest.yml'), 'version: 1.1.0\n');
    writeFileSync(path.join(folder, 'Webconf-Setup-1.1.0.exe'), installer);
    writeFileSync(path.join(folder, '.secret'), 'no');
    server = await startTestServer({ updatesDir: folder });
  });
  afterAll(async () => {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });
  const get = (file: string, headers: Record<string, string> = {}) =>
    fetch(new URL(`/updates/${file}`, server.url), { headers });

  it('serves the channel file, never cached', async () => {
    const response = await get('latest.yml');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe('version: 1.1.0\n');
  });

  it('serves byte ranges of an installer', async () => {
    const response = await get('Webconf-Setup-1.1.0.exe', { Range: 'bytes=10-19' });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 10-19/1000');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(installer.subarray(10, 20));
    expect((await get('Webconf-Setup-1.1.0.exe', { Range: 'bytes=5000-' })).status).toBe(416);
  });

  it.each(['.secret', '..%2Fpackage.json', 'sub/latest.yml', 'missing.yml'])('refuses %s', async (file) => {
    expect((await get(file)).status).toBe(404);
  });
});
