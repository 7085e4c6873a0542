import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSource, parseRegQuery, readPolicySources, registrySource, type PolicySystem } from './policy-sources';
import { resolvePolicy, type PolicySource } from './resolve-policy';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

describe('parseRegQuery (output of `reg query … /s`)', () => {
  it('reads each key and its typed values', () => {
    const keys = parseRegQuery(fixture('reg-query-hklm.txt'));
    expect(keys.get('HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Webconf')).toEqual({
      ServerUrl: 'https://webconf.interieur.gouv.fr',
      AutoUpdate: 'off',
      LockServerUrl: 1,
      AllowedServerUrls: ['https://webconf.interieur.gouv.fr', 'https://webconf-secours.interieur.gouv.fr'],
      UseSystemCertificates: 1,
    });
    expect(keys.get('HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Webconf\\Recommended')).toEqual({
      MiniWindow: 0,
      Language: 'en',
    });
  });

  it('keeps names with spaces, skips the unnamed value, and marks foreign types', () => {
    const user = parseRegQuery(fixture('reg-query-hkcu.txt'));
    const main = user.get('HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Webconf')!;
    expect(main['Proxy Mode']).toBe('fixed');
    expect(main['MiniWindow']).toEqual({ registryType: 'REG_BINARY' });
    expect(user.get('HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Webconf\\Recommended')).toEqual({ UpdateChannel: 'beta' });
  });

  it('reads nothing from an empty or unrelated output', () => {
    expect(parseRegQuery('').size).toBe(0);
    expect(parseRegQuery('ERROR: The system was unable to find the specified registry key or value.').size).toBe(0);
  });
});

describe('resolvePolicy', () => {
  const source = (
    name: string,
    scope: PolicySource['scope'],
    enforced: Record<string, unknown>,
    defaults: Record<string, unknown> = {},
  ): PolicySource => ({ name, scope, enforced, defaults });

  it.each<[string, PolicySource[], unknown, boolean, string]>([
    [
      'machine enforced beats user enforced',
      [source('user', 'user', { Language: 'en' }), source('machine', 'machine', { Language: 'fr' })],
      'fr',
      true,
      'machine (enforced)',
    ],
    [
      'user enforced beats machine default',
      [source('machine', 'machine', {}, { Language: 'fr' }), source('user', 'user', { Language: 'en' })],
      'en',
      true,
      'user (enforced)',
    ],
    [
      'machine default beats user default',
      [source('user', 'user', {}, { Language: 'en' }), source('machine', 'machine', {}, { Language: 'fr' })],
      'fr',
      false,
      'machine (default)',
    ],
    [
      'registry beats file in the same scope and level (order given)',
      [source('HKLM', 'machine', { Language: 'en' }), source('policy.json', 'machine', { Language: 'fr' })],
      'en',
      true,
      'HKLM (enforced)',
    ],
    [
      'an invalid enforced value does not hide a valid default',
      [source('machine', 'machine', { Language: 'de' }, { Language: 'en' })],
      'en',
      false,
      'machine (default)',
    ],
  ])('%s', (_case, sources, value, enforced, origin) => {
    const policy = resolvePolicy(sources);
    expect(policy.values.Language).toBe(value);
    expect(policy.enforced.has('Language')).toBe(enforced);
    expect(policy.origins.Language).toBe(origin);
  });

  it('converts registry DWORDs, lists and URLs to their values', () => {
    const policy = resolvePolicy([registrySource('HKEY_LOCAL_MACHINE', fixture('reg-query-hklm.txt'))]);
    expect(policy.values).toEqual({
      ServerUrl: 'https://webconf.interieur.gouv.fr',
      AutoUpdate: 'off',
      LockServerUrl: true,
      AllowedServerUrls: ['https://webconf.interieur.gouv.fr', 'https://webconf-secours.interieur.gouv.fr'],
      UseSystemCertificates: true,
      MiniWindow: false,
      Language: 'en',
    });
    expect([...policy.enforced].sort()).toEqual([
      'AllowedServerUrls',
      'AutoUpdate',
      'LockServerUrl',
      'ServerUrl',
      'UseSystemCertificates',
    ]);
    expect(policy.problems).toEqual([]);
  });

  it('reports and ignores unknown keys and malformed values, keeping the rest', () => {
    const policy = resolvePolicy([
      registrySource('HKEY_LOCAL_MACHINE', fixture('reg-query-hklm.txt')),
      registrySource('HKEY_CURRENT_USER', fixture('reg-query-hkcu.txt')),
    ]);
    expect(policy.values.ServerUrl).toBe('https://webconf.interieur.gouv.fr'); // machine wins
    expect(policy.values.StartMuted).toBe(true);
    expect(policy.values.UpdateChannel).toBe('beta'); // 'nightly' refused, the default applies
    expect(policy.enforced.has('UpdateChannel')).toBe(false);
    expect(policy.problems).toEqual([
      'HKCU\\SOFTWARE\\Policies\\Webconf: unknown policy Proxy Mode, ignored',
      expect.stringMatching(/^HKCU\\SOFTWARE\\Policies\\Webconf: MiniWindow ignored: /),
      expect.stringMatching(/^HKCU\\SOFTWARE\\Policies\\Webconf: UpdateChannel ignored: /),
    ]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['an http server elsewhere', { ServerUrl: 'http://webconf.example.fr' }],
    ['an http update feed', { UpdateFeedUrl: 'http://updates.example.fr/webconf/' }],
    ['a proxy with spaces and quotes', { ProxyServer: 'proxy:3128" --inspect' }],
    ['a flag as text', { MiniWindow: 'yes' }],
    ['a DWORD other than 0 or 1', { LockServerUrl: 2 }],
    ['an empty server list', { AllowedServerUrls: [] }],
  ])('refuses %s', (_case, enforced) => {
    const policy = resolvePolicy([source('policy.json', 'machine', enforced)]);
    expect(policy.values).toEqual({});
    expect(policy.problems).toHaveLength(1);
  });
});

describe('policy files', () => {
  it.each<[string, string | null, string | null]>([
    ['a missing file', null, null],
    ['broken JSON', '{"enforced": ', 'not valid JSON'],
    ['an array', '[]', 'not a JSON object'],
    ['values outside the two levels', '{"ServerUrl": "https://a.example.fr"}', 'expected { "enforced"'],
  ])('%s gives no source (problem: %s)', (_case, text, problem) => {
    const result = fileSource('/etc/webconf/policy.json', 'machine', text, 'levels');
    expect(result.source).toBeNull();
    if (problem === null) expect(result.problem).toBeNull();
    else expect(result.problem).toContain(problem);
  });

  it('reads both levels', () => {
    const { source } = fileSource(
      'p',
      'machine',
      '{"enforced": {"AutoUpdate": "off"}, "defaults": {"Language": "en"}}',
      'levels',
    );
    expect(source).toMatchObject({ enforced: { AutoUpdate: 'off' }, defaults: { Language: 'en' } });
  });
});

describe('readPolicySources', () => {
  function system(platform: NodeJS.Platform, files: Record<string, string>, programs: Record<string, string>) {
    const ran: string[] = [];
    const fake: PolicySystem = {
      platform,
      environment: { ProgramData: 'D:\\ProgramData' },
      userName: 'camille',
      run: async (program, args) => {
        const line = [program, ...args].join(' ');
        ran.push(line);
        return programs[line] ?? null;
      },
      readText: async (filePath) => files[filePath] ?? null,
    };
    return { fake, ran };
  }

  it('Windows: HKLM, HKCU, then %ProgramData%\\Webconf\\policy.json', async () => {
    const { fake, ran } = system(
      'win32',
      { 'D:\\ProgramData\\Webconf\\policy.json': '{"enforced": {"ProxyMode": "system"}}' },
      { 'reg query HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Webconf /s': fixture('reg-query-hklm.txt') },
    );
    const { sources, problems } = await readPolicySources(fake);
    expect(sources.map((s) => s.name)).toEqual([
      'HKLM\\SOFTWARE\\Policies\\Webconf',
      'D:\\ProgramData\\Webconf\\policy.json',
    ]);
    expect(ran).toEqual([
      'reg query HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Webconf /s',
      'reg query HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Webconf /s',
    ]);
    expect(problems).toEqual([]);
  });

  it('Linux: /etc/webconf/policy.json, a broken one reported', async () => {
    const { fake } = system('linux', { '/etc/webconf/policy.json': 'nope' }, {});
    const { sources, problems } = await readPolicySources(fake);
    expect(sources).toEqual([]);
    expect(problems).toEqual([expect.stringContaining('/etc/webconf/policy.json: not valid JSON')]);
  });

  it('macOS: machine and user managed preferences, all enforced', async () => {
    const { fake } = system(
      'darwin',
      {},
      {
        'plutil -convert json -o - /Library/Managed Preferences/fr.gouv.webconf.desktop.plist': '{"AutoUpdate": "off"}',
        'plutil -convert json -o - /Library/Managed Preferences/camille/fr.gouv.webconf.desktop.plist':
          '{"Language": "en"}',
      },
    );
    const policy = resolvePolicy((await readPolicySources(fake)).sources);
    expect(policy.values).toEqual({ AutoUpdate: 'off', Language: 'en' });
    expect([...policy.enforced].sort()).toEqual(['AutoUpdate', 'Language']);
  });
});
