import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveStaticPath, sendText, serveStatic } from './static-files';

let base: string; // holds a secret file next to the served folder
let root: string;
let server: Server;
let origin: string;

beforeAll(async () => {
  base = mkdtempSync(path.join(tmpdir(), 'webconf-static-'));
  root = path.join(base, 'public');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(base, 'secret.txt'), 'SECRET');
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>webconf</title>');
  writeFileSync(path.join(root, 'app.js'), 'console.log("app")');
  writeFileSync(path.join(root, 'assets', 'index-abc123.js'), 'console.log("hashed")');
  writeFileSync(path.join(root, 'a b.txt'), 'spaced');

  server = createServer((req, res) => {
    serveStatic(root, req, res).catch(() => sendText(res, 500, 'internal error'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(base, { recursive: true, force: true });
});

/** A GET with the path sent exactly as written (fetch would normalise dot segments first). */
function rawGet(
  urlPath: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${urlPath}`, { method: 'GET', timeout: 3000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${urlPath} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

describe('resolveStaticPath', () => {
  /** Refused (null) or kept inside the root: never a file outside it. */
  const staysInside = (resolved: string | null): boolean => resolved === null || resolved.startsWith(root + path.sep);

  it.each([
    '/../secret.txt',
    '/../../../../etc/passwd',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2f%2e%2e%2fetc/passwd',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5c..%5csecret.txt',
  ])('never leaves the root for %s', (urlPath) => {
    const resolved = resolveStaticPath(root, urlPath);
    expect(staysInside(resolved)).toBe(true);
    expect(resolved).not.toBe(path.join(base, 'secret.txt'));
  });

  it.each(['/index.html%00.js', '/%00', '/a%00/../index.html'])('refuses an encoded NUL in %s', (urlPath) => {
    expect(resolveStaticPath(root, urlPath)).toBeNull();
  });

  it.each(['/%', '/%zz.js', '/%E0%A4%A', '/assets/%C3'])('refuses bad percent-encoding in %s', (urlPath) => {
    expect(resolveStaticPath(root, urlPath)).toBeNull();
  });

  it('resolves normal paths inside the root', () => {
    expect(resolveStaticPath(root, '/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/index-abc123.js')).toBe(path.join(root, 'assets', 'index-abc123.js'));
    expect(resolveStaticPath(root, '/a%20b.txt')).toBe(path.join(root, 'a b.txt'));
    expect(resolveStaticPath(root, '/assets/./x/../index-abc123.js')).toBe(
      path.join(root, 'assets', 'index-abc123.js'),
    );
    expect(resolveStaticPath(root, '/')).toBe(root);
  });
});

describe('serveStatic over HTTP', () => {
  it('serves a file with its content type', async () => {
    const res = await rawGet('/app.js');
    expect(res.status).toBe(200);
    expect(res.body).toBe('console.log("app")');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('answers extension-less client routes and / with index.html', async () => {
    for (const route of ['/r/abc', '/', '/settings']) {
      const res = await rawGet(route);
      expect(res.status, route).toBe(200);
      expect(res.body, route).toContain('<title>webconf</title>');
      expect(res.headers['content-type'], route).toBe('text/html; charset=utf-8');
    }
  });

  it('answers 404 for a missing file with an extension', async () => {
    const res = await rawGet('/missing.js');
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('webconf');
  });

  it('never serves a file outside the root, whatever the encoding', async () => {
    for (const urlPath of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
    ]) {
      const res = await rawGet(urlPath);
      expect(res.body, urlPath).not.toContain('SECRET');
      expect([400, 404], urlPath).toContain(res.status);
    }
    expect((await rawGet('/index.html%00')).status).toBe(400);
    expect((await rawGet('/%E0%A4%A')).status).toBe(400);
  });

  it('marks only /assets/ files immutable', async () => {
    const hashed = await rawGet('/assets/index-abc123.js');
    expect(hashed.status).toBe(200);
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const urlPath of ['/app.js', '/index.html', '/r/abc', '/assets/no-such-route', '/assets/']) {
      const res = await rawGet(urlPath);
      expect(res.headers['cache-control'], urlPath).toBe('no-cache');
    }
  });
});
