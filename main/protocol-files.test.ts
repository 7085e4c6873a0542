import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { contentTypeFor, resolveAppFile } from './protocol-files';

const root = path.resolve('/opt/webconf/renderer');
const inRoot = (...parts: string[]): string => path.join(root, ...parts);

describe('resolveAppFile', () => {
  it.each([
    ['app://webconf/', inRoot('index.html')],
    ['app://webconf', inRoot('index.html')],
    ['app://webconf/index.html', inRoot('index.html')],
    ['app://webconf/assets/index-abc123.js', inRoot('assets', 'index-abc123.js')],
    ['app://webconf/assets/index-abc123.js?v=2#x', inRoot('assets', 'index-abc123.js')],
    ['app://webconf/assets/Marianne%20Bold.woff2', inRoot('assets', 'Marianne Bold.woff2')],
    ['app://WEBCONF/favicon.ico', inRoot('favicon.ico')],
    // History-mode routes.
    ['app://webconf/room/42', inRoot('index.html')],
    ['app://webconf/settings/devices/', inRoot('index.html')],
    // Dot segments the URL parser folds back inside the folder.
    ['app://webconf/../../etc/passwd.txt', inRoot('etc', 'passwd.txt')],
    ['app://webconf/%2e%2e/%2e%2e/secret.js', inRoot('secret.js')],
  ])('%s → %s', (url, expected) => {
    expect(resolveAppFile(url, root)).toBe(expected);
  });

  it.each([
    ['encoded slashes escaping the folder', 'app://webconf/..%2f..%2fetc%2fpasswd.txt'],
    ['an encoded escape without extension', 'app://webconf/..%2f..%2f..%2fetc'],
    ['encoded backslashes', 'app://webconf/..%5c..%5cwindows%5cwin.ini'],
    ['a NUL byte', 'app://webconf/index.html%00.png'],
    ['malformed percent-encoding', 'app://webconf/%E0%A4%A.js'],
    ['another host', 'app://evil/index.html'],
    ['a look-alike host', 'app://webconf.evil/index.html'],
    ['another scheme', 'file:///opt/webconf/renderer/index.html'],
    ['https', 'https://webconf/index.html'],
    ['no host', 'app:///index.html'],
    ['not a URL', 'index.html'],
  ])('refuses %s', (_reason, url) => {
    expect(resolveAppFile(url, root)).toBeNull();
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/app.JS', 'text/javascript; charset=utf-8'],
    ['assets/app.css', 'text/css; charset=utf-8'],
    ['icons/logo.svg', 'image/svg+xml'],
    ['fonts/marianne.woff2', 'font/woff2'],
    ['sounds/join.ogg', 'audio/ogg'],
    ['archive.tar.gz', 'application/octet-stream'],
    ['no-extension', 'application/octet-stream'],
  ])('%s → %s', (file, expected) => {
    expect(contentTypeFor(file)).toBe(expected);
  });
});
