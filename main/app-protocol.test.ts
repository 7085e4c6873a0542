import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { createAppRequestHandler } from './app-protocol';

const root = path.resolve('/opt/webconf/renderer');
const policy = "default-src 'self'";
const files = new Map<string, string>([
  [path.join(root, 'index.html'), '<!doctype html><title>Webconf</title>'],
  [path.join(root, 'assets', 'app.js'), 'console.log("hi")'],
]);

function missing(code: string): Error {
  return Object.assign(new Error(`${code}: no such file`), { code });
}

function handlerWith(readError?: Error) {
  const logged: string[] = [];
  const handle = createAppRequestHandler({
    rendererRoot: root,
    contentSecurityPolicy: policy,
    log: (message) => logged.push(message),
    readFile: async (filePath) => {
      if (readError) throw readError;
      const text = files.get(filePath);
      if (text === undefined) throw missing('ENOENT');
      return new TextEncoder().encode(text);
    },
  });
  return { handle, logged };
}

describe('createAppRequestHandler', () => {
  it.each([
    ['app://webconf/', 200, 'text/html; charset=utf-8', '<!doctype html><title>Webconf</title>'],
    ['app://webconf/room/42', 200, 'text/html; charset=utf-8', '<!doctype html><title>Webconf</title>'],
    ['app://webconf/assets/app.js', 200, 'text/javascript; charset=utf-8', 'console.log("hi")'],
    ['app://webconf/assets/missing.css', 404, 'text/plain; charset=utf-8', 'Not found'],
    ['app://webconf/..%2f..%2fsecret.js', 403, 'text/plain; charset=utf-8', 'Forbidden'],
    ['app://evil/index.html', 403, 'text/plain; charset=utf-8', 'Forbidden'],
  ])('GET %s → %i %s', async (url, status, contentType, body) => {
    const response = await handlerWith().handle(new Request(url));
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe(contentType);
    expect(response.headers.get('content-security-policy')).toBe(policy);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(body);
  });

  it('refuses methods other than GET and HEAD, with the CSP', async () => {
    const response = await handlerWith().handle(new Request('app://webconf/index.html', { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('content-security-policy')).toBe(policy);
  });

  it('answers HEAD without a body', async () => {
    const response = await handlerWith().handle(new Request('app://webconf/index.html', { method: 'HEAD' }));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('treats a directory named like a file as missing', async () => {
    const response = await handlerWith(missing('EISDIR')).handle(new Request('app://webconf/x.js'));
    expect(response.status).toBe(404);
  });

  it('logs other read errors and still answers with the CSP', async () => {
    const { handle, logged } = handlerWith(missing('EACCES'));
    const response = await handle(new Request('app://webconf/assets/app.js'));
    expect(response.status).toBe(500);
    expect(response.headers.get('content-security-policy')).toBe(policy);
    expect(logged).toHaveLength(1);
  });
});
