import { describe, expect, it } from 'vitest';
import { isAllowedSocketOrigin } from './origin-policy';

const defaults = ['app://webconf'];
const withPartner = ['app://webconf', 'https://partner.example.org'];

describe('isAllowedSocketOrigin', () => {
  it.each<[string, string | undefined, string | undefined, string[], boolean]>([
    ['no Origin header (not a browser)', undefined, 'conf.example.org', defaults, true],
    ['same host over http', 'http://127.0.0.1:8080', '127.0.0.1:8080', defaults, true],
    ['same host over https', 'https://conf.example.org', 'conf.example.org', defaults, true],
    [
      'same host, Host header with the default port',
      'https://conf.example.org',
      'conf.example.org:443',
      defaults,
      true,
    ],
    ['same host, Host header in capitals', 'https://conf.example.org', 'Conf.Example.ORG', defaults, true],
    ['a Host header that is not a host', 'https://conf.example.org', 'conf example org', defaults, false],
    ['same host name, other port', 'https://conf.example.org:8443', 'conf.example.org', defaults, false],
    ['another host', 'https://evil.example.com', 'conf.example.org', defaults, false],
    ['a host that merely starts like ours', 'https://conf.example.org.evil.com', 'conf.example.org', defaults, false],
    ['same host, but no Host header', 'https://conf.example.org', undefined, defaults, false],
    ['same host, non-web scheme', 'ftp://conf.example.org', 'conf.example.org', defaults, false],
    ['the desktop app, listed', 'app://webconf', 'conf.example.org', defaults, true],
    ['the desktop app, not listed', 'app://webconf', 'conf.example.org', [], false],
    ['another custom-scheme app', 'app://other', 'conf.example.org', defaults, false],
    ['the opaque origin "null"', 'null', 'conf.example.org', defaults, false],
    ['a malformed origin', 'http//broken', 'conf.example.org', defaults, false],
    ['an empty origin', '', 'conf.example.org', defaults, false],
    ['a listed https origin', 'https://partner.example.org', 'conf.example.org', withPartner, true],
    ['a listed origin on another port', 'https://partner.example.org:8443', 'conf.example.org', withPartner, false],
    [
      'a listed origin over http instead of https',
      'http://partner.example.org',
      'conf.example.org',
      withPartner,
      false,
    ],
  ])('%s', (_name, origin, host, allowed, expected) => {
    expect(isAllowedSocketOrigin(origin, host, allowed)).toBe(expected);
  });
});
