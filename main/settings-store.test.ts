import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import { resolvePolicy } from './policy/resolve-policy';
import { DEFAULT_SERVER_URL, SETTINGS_FILE, openSettingsStore, type SettingsStoreOptions } from './settings-store';

let userData: string;
let logged: string[];
const settingsPath = (): string => path.join(userData, SETTINGS_FILE);
const camera = { deviceId: 'cam-1', label: 'USB Camera' };

function open(overrides: Partial<SettingsStoreOptions> = {}) {
  return openSettingsStore({
    userDataDir: userData,
    environment: {},
    log: (message) => logged.push(message),
    now: () => 1700000000000,
    ...overrides,
  });
}

beforeEach(() => {
  userData = mkdtempSync(path.join(tmpdir(), 'webconf-settings-'));
  logged = [];
});
afterEach(() => {
  rmSync(userData, { recursive: true, force: true });
});

describe('openSettingsStore', () => {
  it('uses the defaults when there is no file, without logging or writing', () => {
    const store = open();
    expect(store.serverUrl()).toBe(DEFAULT_SERVER_URL);
    expect(store.language()).toBe('fr');
    expect(store.devicePreferences()).toEqual({});
    expect(logged).toEqual([]);
    expect(readdirSync(userData)).toEqual([]);
  });

  it('reads a valid file and fills the missing fields with defaults', () => {
    writeFileSync(settingsPath(), JSON.stringify({ serverUrl: 'https://conf.example.fr', language: 'en' }));
    const store = open();
    expect(store.serverUrl()).toBe('https://conf.example.fr');
    expect(store.language()).toBe('en');
    expect(store.devicePreferences()).toEqual({});
  });

  it.each([
    ['truncated JSON', '{"serverUrl": "https://conf'],
    ['an empty file', ''],
    ['JSON null', 'null'],
    ['an array', '[]'],
    ['a non-http server URL', '{"serverUrl": "ftp://conf.example.fr"}'],
    ['a javascript: server URL', '{"serverUrl": "javascript:alert(1)"}'],
    ['a server URL with credentials', '{"serverUrl": "https://u:p@conf.example.fr"}'],
    ['an http server URL elsewhere than this machine', '{"serverUrl": "http://conf.example.fr"}'],
    ['a mini window flag that is not a boolean', '{"miniWindow": "no"}'],
    ['an unknown language', '{"language": "de"}'],
    ['a device choice without label', '{"devicePreferences": {"camera": {"deviceId": "x"}}}'],
  ])('sets aside %s as settings.json.corrupt-<timestamp> and uses the defaults', (_case, content) => {
    writeFileSync(settingsPath(), content);
    const store = open();
    expect(store.serverUrl()).toBe(DEFAULT_SERVER_URL);
    expect(store.language()).toBe('fr');
    expect(readdirSync(userData)).toEqual([`${SETTINGS_FILE}.corrupt-1700000000000`]);
    expect(readFileSync(`${settingsPath()}.corrupt-1700000000000`, 'utf8')).toBe(content);
    expect(logged).toHaveLength(1);
  });

  it('drops unknown keys rather than rejecting files from newer versions', () => {
    writeFileSync(settingsPath(), JSON.stringify({ language: 'en', theme: 'dark' }));
    expect(open().language()).toBe('en');
    expect(readdirSync(userData)).toEqual([SETTINGS_FILE]);
  });

  it('uses the defaults when the file cannot be read, and leaves it in place', () => {
    mkdirSync(settingsPath()); // reading a folder fails like an unreadable file does
    expect(open().language()).toBe('fr');
    expect(readdirSync(userData)).toEqual([SETTINGS_FILE]);
    expect(logged).toHaveLength(1);
  });
});

describe('server URL override', () => {
  it.each([
    ['https://override.example.fr', 'https://override.example.fr', 0],
    ['https://override.example.fr/path', 'https://override.example.fr', 0],
    ['http://localhost:8181', 'http://localhost:8181', 0],
    ['http://10.0.0.5:8080', 'https://conf.example.fr', 1],
    ['', 'https://conf.example.fr', 0],
    ['file:///etc/passwd', 'https://conf.example.fr', 1],
    ['not a url', 'https://conf.example.fr', 1],
  ])('WEBCONF_SERVER_URL=%s → %s', (value, expected, logCount) => {
    writeFileSync(settingsPath(), JSON.stringify({ serverUrl: 'https://conf.example.fr' }));
    const store = open({ environment: { WEBCONF_SERVER_URL: value } });
    expect(store.serverUrl()).toBe(expected);
    expect(logged).toHaveLength(logCount);
  });

  it('is never written to the file', () => {
    const store = open({ environment: { WEBCONF_SERVER_URL: 'https://override.example.fr' } });
    store.setDevicePreferences({ camera });
    expect(JSON.parse(readFileSync(settingsPath(), 'utf8')).serverUrl).toBeUndefined();
  });
});

describe('setDevicePreferences', () => {
  it('persists the preferences and keeps the other settings', () => {
    writeFileSync(settingsPath(), JSON.stringify({ serverUrl: 'https://conf.example.fr', language: 'en' }));
    open().setDevicePreferences({ camera });
    const reopened = open();
    expect(reopened.devicePreferences()).toEqual({ camera });
    expect(reopened.serverUrl()).toBe('https://conf.example.fr');
    expect(reopened.language()).toBe('en');
    expect(readdirSync(userData)).toEqual([SETTINGS_FILE]);
  });

  it('hands out copies, so callers cannot change the stored preferences', () => {
    const store = open();
    const preferences = { camera: { ...camera } };
    store.setDevicePreferences(preferences);
    preferences.camera.label = 'changed';
    const read = store.devicePreferences();
    if (read.camera) read.camera.label = 'changed too';
    expect(store.devicePreferences()).toEqual({ camera });
  });

  it('leaves memory unchanged when the write fails', () => {
    const notAFolder = path.join(userData, 'file');
    writeFileSync(notAFolder, '');
    const store = open({ userDataDir: notAFolder });
    expect(() => store.setDevicePreferences({ camera })).toThrow();
    expect(store.devicePreferences()).toEqual({});
  });
});

describe("with the organisation's policy", () => {
  const policy = resolvePolicy([
    {
      name: 'HKLM',
      scope: 'machine',
      enforced: { MiniWindow: 0, AllowedServerUrls: ['https://a.gouv.fr', 'https://b.gouv.fr'] },
      defaults: { Language: 'en', ServerUrl: 'https://b.gouv.fr' },
    },
  ]);

  it('starts from the policy, locks what it enforces, and refuses servers it does not allow', () => {
    const store = open({ policy });
    expect(store.state('https://b.gouv.fr')).toEqual({
      values: { serverUrl: 'https://b.gouv.fr', language: 'en', miniWindow: false, startMuted: false },
      available: ['serverUrl', 'language', 'miniWindow', 'startMuted'],
      locked: ['miniWindow'],
      pendingServerUrl: null,
    });
    expect(() => store.update({ miniWindow: true })).toThrow(/miniWindow cannot be changed here/);
    expect(() => store.update({ serverUrl: 'https://c.gouv.fr' })).toThrow(/not among the servers/);
    store.update({ serverUrl: 'https://a.gouv.fr', language: 'fr' });
    expect(open({ policy }).state('x').values).toMatchObject({ serverUrl: 'https://a.gouv.fr', language: 'fr' });
  });

  it('follows a changed organisation default for what the user never chose', () => {
    open({ policy }).update({ startMuted: true });
    const later = resolvePolicy([{ name: 'HKLM', scope: 'machine', enforced: {}, defaults: { Language: 'fr' } }]);
    expect(open({ policy: later }).state('x').values).toMatchObject({ language: 'fr', startMuted: true });
  });
});
