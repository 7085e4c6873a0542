import { describe, it, expect } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, isSameOrigin, originOf } from './app-origin';

describe('originOf', () => {
  it.each([
    ['app://webconf/', 'app://webconf'],
    ['app://webconf/room/42?x=1#y', 'app://webconf'],
    ['app://WebConf/index.html', 'app://webconf'],
    ['https://conf.example.fr/ws', 'https://conf.example.fr'],
    ['https://conf.example.fr/', 'https://conf.example.fr'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['HTTPS://Conf.Example.FR:443/', 'https://conf.example.fr'],
    ['app:', null],
    ['app:///index.html', null],
    ['file:///etc/passwd', null],
    ['data:text/html,hi', null],
    ['javascript:alert(1)', null],
    ['not a url', null],
    ['', null],
  ])('%s → %s', (url, expected) => {
    expect(originOf(url)).toBe(expected);
  });
});

describe('isSameOrigin', () => {
  it.each([
    [APP_ENTRY_URL, APP_ORIGIN, true],
    ['app://webconf.evil/', APP_ORIGIN, false],
    ['app://evil/webconf', APP_ORIGIN, false],
    ['https://app//webconf', APP_ORIGIN, false],
    ['https://conf.example.fr/x', 'https://conf.example.fr', true],
    ['https://conf.example.fr.evil.com/', 'https://conf.example.fr', false],
    ['http://conf.example.fr/', 'https://conf.example.fr', false],
    ['data:text/html,a', 'data:text/html,a', false],
    ['file:///a', 'file:///a', false],
  ])('%s vs %s → %s', (url, origin, expected) => {
    expect(isSameOrigin(url, origin)).toBe(expected);
  });
});
