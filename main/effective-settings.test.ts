import { describe, expect, it } from 'vitest';
import type { AppSettings } from '../common/desktop-api';
import { DEFAULT_SERVER_URL, effectiveSettings, serverUrlRefusal } from './effective-settings';
import { resolvePolicy } from './policy/resolve-policy';

const policy = (enforced: Record<string, unknown>, defaults: Record<string, unknown> = {}) =>
  resolvePolicy([{ name: 'test', scope: 'machine', enforced, defaults }]);

describe('effectiveSettings', () => {
  it.each<
    [string, Partial<AppSettings>, ReturnType<typeof policy>, string | undefined, Partial<AppSettings>, string[]]
  >([
    ['nothing set: our defaults', {}, policy({}), undefined, { serverUrl: DEFAULT_SERVER_URL, miniWindow: true }, []],
    ['the user’s choice', { language: 'en' }, policy({}), undefined, { language: 'en' }, []],
    [
      'an organisation default the user did not override',
      {},
      policy({}, { Language: 'en' }),
      undefined,
      { language: 'en' },
      [],
    ],
    [
      'the user’s choice over an organisation default',
      { language: 'fr' },
      policy({}, { Language: 'en' }),
      undefined,
      { language: 'fr' },
      [],
    ],
    [
      'enforced over the user’s choice',
      { miniWindow: true },
      policy({ MiniWindow: false }),
      undefined,
      { miniWindow: false },
      ['miniWindow'],
    ],
    [
      'the environment’s server, locked',
      { serverUrl: 'https://a.gouv.fr' },
      policy({}),
      'http://127.0.0.1:9',
      { serverUrl: 'http://127.0.0.1:9' },
      ['serverUrl'],
    ],
    [
      'an enforced server over the environment',
      {},
      policy({ ServerUrl: 'https://a.gouv.fr' }),
      'http://127.0.0.1:9',
      { serverUrl: 'https://a.gouv.fr' },
      ['serverUrl'],
    ],
    [
      'LockServerUrl keeps the user’s server, locked',
      { serverUrl: 'https://u.gouv.fr' },
      policy({ LockServerUrl: true }),
      undefined,
      { serverUrl: 'https://u.gouv.fr' },
      ['serverUrl'],
    ],
    [
      'a server outside the allowed list falls back to the first allowed',
      { serverUrl: 'https://u.gouv.fr' },
      policy({ AllowedServerUrls: ['https://a.gouv.fr'] }),
      undefined,
      { serverUrl: 'https://a.gouv.fr' },
      [],
    ],
  ])('%s', (_case, chosen, resolved, override, expected, locked) => {
    const result = effectiveSettings(chosen, resolved, override);
    expect(result.values).toMatchObject(expected);
    expect(result.locked).toEqual(locked);
  });

  it('refuses a typed server outside the allowed list, with the list', () => {
    const resolved = policy({ AllowedServerUrls: 'https://a.gouv.fr;https://b.gouv.fr' });
    expect(serverUrlRefusal('https://b.gouv.fr', resolved)).toBeNull();
    expect(serverUrlRefusal('https://c.gouv.fr', resolved)).toMatch(/https:\/\/a\.gouv\.fr, https:\/\/b\.gouv\.fr/);
    expect(serverUrlRefusal('https://c.gouv.fr', policy({}))).toBeNull();
  });
});
