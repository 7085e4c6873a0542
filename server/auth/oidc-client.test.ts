import { describe, expect, it } from 'vitest';
import { safeReturnPath } from '../http/auth-routes';
import { buildAuthorizationUrl } from './oidc-client';

const settings = {
  clientId: 'webconf',
  redirectUri: 'https://webconf.example.gouv.fr/auth/callback',
  scopes: 'openid email',
};

describe('buildAuthorizationUrl', () => {
  it('sends only the parameters ProConnect documents, PKCE only when asked', () => {
    const withoutPkce = new URL(
      buildAuthorizationUrl('https://idp.example/authorize?acr=x', settings, {
        state: 's'.repeat(43),
        nonce: 'n'.repeat(43),
        codeChallenge: null,
      }),
    );
    expect([...withoutPkce.searchParams.keys()].sort()).toEqual(
      ['acr', 'client_id', 'nonce', 'redirect_uri', 'response_type', 'scope', 'state'].sort(),
    );
    expect(withoutPkce.searchParams.get('response_type')).toBe('code');
    const withPkce = new URL(
      buildAuthorizationUrl('https://idp.example/authorize', settings, {
        state: 's',
        nonce: 'n',
        codeChallenge: 'abc',
      }),
    );
    expect(withPkce.searchParams.get('code_challenge')).toBe('abc');
    expect(withPkce.searchParams.get('code_challenge_method')).toBe('S256');
  });
});

describe('safeReturnPath', () => {
  it.each([
    ['/r/abc', '/r/abc'],
    ['/', '/'],
    [null, '/'],
    ['', '/'],
    ['https://evil.example', '/'],
    ['//evil.example/path', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
  ])('%s → %s', (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });
});
