import { describe, it, expect } from 'vitest';
import {
  decideNavigation,
  isAppUrl,
  isSafeExternalUrl,
  toSafeExternalUrl,
  type NavigationDecision,
  type TrustedOrigins,
} from './navigation-policy';

const origins: TrustedOrigins = {
  appOrigin: 'app://webconf',
  serverOrigin: 'https://conf.example.fr',
};

describe('isAppUrl', () => {
  it.each([
    ['app://webconf/', true],
    ['app://webconf/room/abc', true],
    ['app://webconf.evil/', false],
    ['app://webconfx/', false],
    ['https://webconf/', false],
    ['app://evil/app://webconf/', false],
    ['file:///app://webconf', false],
    ['', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});

describe('isSafeExternalUrl', () => {
  it.each([
    ['https://www.numerique.gouv.fr/', true],
    ['http://example.org/page?q=1', true],
    ['mailto:contact@example.fr', true],
    ['javascript:alert(1)', false],
    ['JavaScript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['app://webconf/', false],
    ['ms-settings:privacy', false],
    ['smb://server/share', false],
    ['vscode://file/x', false],
    ['https://user:secret@example.org/', false],
    ['https://example.org@evil.com/', false],
    ['https://', false],
    ['not a url', false],
    ['', false],
  ])('%s → %s', (url, expected) => {
    expect(isSafeExternalUrl(url)).toBe(expected);
  });

  it('returns the normalized href, with surrounding whitespace and tabs removed', () => {
    expect(toSafeExternalUrl('  https://exa\tmple.org/a b ')).toBe('https://example.org/a%20b');
  });
});

describe('decideNavigation', () => {
  it.each<[string, NavigationDecision]>([
    ['app://webconf/', 'allow'],
    ['app://webconf/room/42', 'allow'],
    ['https://conf.example.fr/room/42', 'open-external'],
    ['https://www.service-public.fr/', 'open-external'],
    ['mailto:support@example.fr', 'open-external'],
    ['app://webconf.evil/', 'deny'],
    ['file:///C:/Windows/System32/calc.exe', 'deny'],
    ['javascript:alert(1)', 'deny'],
    ['data:text/html,hi', 'deny'],
    ['https://user:pw@conf.example.fr/', 'deny'],
    ['::::', 'deny'],
  ])('%s → %s', (url, expected) => {
    expect(decideNavigation(url, origins)).toBe(expected);
  });
});
