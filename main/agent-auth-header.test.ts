import type { OnBeforeSendHeadersListenerDetails } from 'electron';
import { describe, expect, it } from 'vitest';
import { installAgentAuthHeader, isServerRequest } from './agent-auth-header';

const server = 'https://webconf.example.gouv.fr';

describe('isServerRequest', () => {
  it.each([
    ['https://webconf.example.gouv.fr/api/session', true],
    ['wss://webconf.example.gouv.fr/ws', true],
    ['https://WEBCONF.example.gouv.fr/api', true],
    ['http://webconf.example.gouv.fr/api', false],
    ['ws://webconf.example.gouv.fr/ws', false],
    ['https://webconf.example.gouv.fr.evil.com/api', false],
    ['https://webconf.example.gouv.fr:8443/api', false],
    ['https://idp.example.gouv.fr/token', false],
    ['app://webconf/index.html', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isServerRequest(url, server)).toBe(expected);
  });
});

describe('installAgentAuthHeader', () => {
  function install(token: string | null) {
    let listener!: (
      details: OnBeforeSendHeadersListenerDetails,
      callback: (response: { requestHeaders?: Record<string, string> }) => void,
    ) => void;
    installAgentAuthHeader(
      { onBeforeSendHeaders: ((l: typeof listener) => (listener = l)) as never },
      server,
      () => token,
    );
    return (url: string) =>
      new Promise<Record<string, string> | undefined>((resolve) =>
        listener(
          { url, requestHeaders: { Accept: '*/*' } } as unknown as OnBeforeSendHeadersListenerDetails,
          (response) => resolve(response.requestHeaders),
        ),
      );
  }

  it('adds the bearer token to requests for the server only', async () => {
    const send = install('token-abc');
    expect(await send(`${server}/api/session`)).toEqual({ Accept: '*/*', Authorization: 'Bearer token-abc' });
    expect(await send('wss://webconf.example.gouv.fr/ws')).toMatchObject({ Authorization: 'Bearer token-abc' });
    expect(await send('https://elsewhere.example/api')).toEqual({ Accept: '*/*' });
  });

  it('adds nothing when nobody is signed in', async () => {
    expect(await install(null)(`${server}/api/session`)).toEqual({ Accept: '*/*' });
  });
});
