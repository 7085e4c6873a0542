import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, it, expect } from 'vitest';
import type { DevicePreferences, MediaAccessKind } from '../common/desktop-api';
import { createDesktopApiHandlers } from './desktop-api-handlers';
import { SETTINGS_FILE, openSettingsStore } from './settings-store';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** The handlers over a real settings store in a temporary folder, and recorders for the rest. */
function setup(environment: Record<string, string> = {}) {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'webconf-handlers-'));
  folders.push(userDataDir);
  const settings = openSettingsStore({ userDataDir, environment, log: () => undefined });
  settings.setDevicePreferences({ microphone: { deviceId: 'mic-1', label: 'Headset' } });
  const opened: string[] = [];
  const callStates: boolean[] = [];
  const notices: string[] = [];
  const picks: string[] = [];
  const host: string[] = [];
  const api = createDesktopApiHandlers({
    settings,
    serverUrlInUse: 'http://127.0.0.1:8080',
    appVersion: '1.2.3',
    platform: 'linux',
    openExternal: async (url) => {
      opened.push(url);
    },
    signIn: async () => ({ sub: 'agent-1', name: 'Camille Durand' }),
    signOut: async () => undefined,
    setCallActive: (active) => void callStates.push(active),
    notify: (notice) => void notices.push(notice.title),
    listCaptureSources: async () => [],
    chooseCaptureSource: (sourceId) => void picks.push(sourceId),
    restartApp: () => void host.push('restart'),
    focusApp: () => void host.push('focus'),
    requestMediaAccess: async (kind) => (kind === 'camera' ? 'denied' : 'granted'),
    openMediaAccessSettings: async (kind) => {
      host.push(`settings:${kind}`);
      return true;
    },
    updates: {
      status: () => ({ state: 'ready', version: '2.0.0' }),
      installNow: () => {
        throw new Error('installUpdate: not during a call');
      },
    },
  });
  const file = () => JSON.parse(readFileSync(path.join(userDataDir, SETTINGS_FILE), 'utf8')) as Record<string, unknown>;
  return { api, opened, callStates, notices, picks, host, file, stored: () => settings.devicePreferences() };
}

describe('createDesktopApiHandlers', () => {
  it('describes the desktop host', async () => {
    expect(await setup().api.getAppInfo()).toEqual({ host: 'desktop', version: '1.2.3', platform: 'linux' });
  });

  it('returns the server URL and device preferences from the store', async () => {
    const { api } = setup();
    expect(await api.getServerUrl()).toBe('http://127.0.0.1:8080');
    expect(await api.getDevicePreferences()).toEqual({ microphone: { deviceId: 'mic-1', label: 'Headset' } });
  });

  it.each<[string, DevicePreferences]>([
    ['nothing chosen', {}],
    ['one device', { camera: { deviceId: 'cam-1', label: 'USB Camera' } }],
    [
      'all devices',
      {
        camera: { deviceId: 'cam-1', label: 'USB Camera' },
        microphone: { deviceId: 'default', label: '' },
        speaker: { deviceId: 'spk-9', label: 'Speakers' },
      },
    ],
  ])('stores valid preferences: %s', async (_case, preferences) => {
    const { api, stored } = setup();
    await api.setDevicePreferences(preferences);
    expect(stored()).toEqual(preferences);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'camera'],
    ['an array', []],
    ['a device id that is not a string', { camera: { deviceId: 42, label: 'x' } }],
    ['a missing label', { speaker: { deviceId: 'spk' } }],
    ['a device choice that is not an object', { microphone: 'mic-1' }],
    ['an oversized label', { camera: { deviceId: 'cam', label: 'x'.repeat(5000) } }],
  ])('refuses %s and leaves the store unchanged', async (_case, input) => {
    const { api, stored } = setup();
    const before = stored();
    await expect(api.setDevicePreferences(input as DevicePreferences)).rejects.toThrow(
      /^setDevicePreferences: invalid preferences/,
    );
    expect(stored()).toEqual(before);
  });

  it('drops unknown keys before storing', async () => {
    const { api, stored } = setup();
    const input = { camera: { deviceId: 'cam', label: 'Cam', extra: true }, headset: {} };
    await api.setDevicePreferences(input as DevicePreferences);
    expect(stored()).toEqual({ camera: { deviceId: 'cam', label: 'Cam' } });
  });

  it.each([
    ['https://www.numerique.gouv.fr/aide', 'https://www.numerique.gouv.fr/aide'],
    ['http://example.org', 'http://example.org/'],
    ['mailto:support@example.fr', 'mailto:support@example.fr'],
    [' https://example.org/a b', 'https://example.org/a%20b'],
  ])('opens %s as %s', async (url, expected) => {
    const { api, opened } = setup();
    await api.openExternal(url);
    expect(opened).toEqual([expected]);
  });

  it.each<[string, unknown]>([
    ['javascript:', 'javascript:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,hi'],
    ['a custom scheme', 'ms-msdt:/id PCWDiagnostic'],
    ['our own scheme', 'app://webconf/'],
    ['credentials', 'https://user:pw@example.org/'],
    ['a malformed URL', 'http://'],
    ['a number', 42],
    ['undefined', undefined],
  ])('refuses %s without opening anything', async (_case, url) => {
    const { api, opened } = setup();
    await expect(api.openExternal(url as string)).rejects.toThrow(/^openExternal: /);
    expect(opened).toEqual([]);
  });
});

describe('call state and notices', () => {
  it('passes call state and valid notices on, and refuses bad ones', async () => {
    const { api, callStates, notices } = setup();
    await api.setCallActive(true);
    await api.notify({ kind: 'chat', title: 'Bruno', body: 'Bonjour' });
    await expect(api.setCallActive('yes' as unknown as boolean)).rejects.toThrow(/boolean/);
    await expect(api.notify({ kind: 'popup', title: '', body: '' } as never)).rejects.toThrow(/invalid notice/);
    expect(callStates).toEqual([true]);
    expect(notices).toEqual(['Bruno']);
  });
});

describe('capture source choice', () => {
  it('passes a well-formed pick on and refuses anything else', async () => {
    const { api, picks } = setup();
    await api.chooseCaptureSource('window:1234:0', false);
    await expect(api.chooseCaptureSource('file:///etc/passwd', false)).rejects.toThrow(/source id/);
    await expect(api.chooseCaptureSource('screen:0:0', 'yes' as unknown as boolean)).rejects.toThrow(/boolean/);
    expect(picks).toEqual(['window:1234:0']);
  });
});

describe('settings', () => {
  it('shows every desktop setting with its default, none locked', async () => {
    expect(await setup().api.getSettings()).toEqual({
      values: { serverUrl: 'http://127.0.0.1:8080', language: 'fr', miniWindow: true, startMuted: false },
      available: ['serverUrl', 'language', 'miniWindow', 'startMuted'],
      locked: [],
      pendingServerUrl: null,
    });
  });

  it('saves valid changes, keeps the device preferences, and says a new server applies after a restart', async () => {
    const { api, file } = setup();
    const state = await api.updateSettings({
      serverUrl: ' https://Conf.Example.fr/some/path ',
      language: 'en',
      miniWindow: false,
    });
    expect(state.values).toEqual({
      serverUrl: 'https://conf.example.fr',
      language: 'en',
      miniWindow: false,
      startMuted: false,
    });
    expect(state.pendingServerUrl).toBe('https://conf.example.fr');
    expect(await api.getServerUrl()).toBe('http://127.0.0.1:8080'); // still the one in use
    expect(file()).toMatchObject({ serverUrl: 'https://conf.example.fr', devicePreferences: { microphone: {} } });
  });

  it.each<[string, unknown, RegExp]>([
    ['an http server elsewhere than this machine', { serverUrl: 'http://conf.example.fr' }, /https/],
    ['a javascript: server URL', { serverUrl: 'javascript:alert(1)' }, /https/],
    ['a server URL with credentials', { serverUrl: 'https://u:p@conf.example.fr' }, /https/],
    ['an unknown language', { language: 'de' }, /language/],
    ['a mini window flag that is not a boolean', { miniWindow: 'yes' }, /miniWindow/],
    ['an unknown key', { theme: 'dark' }, /theme/],
    ['not an object', 'startMuted', /invalid settings/],
  ])('refuses %s and changes nothing', async (_case, changes, message) => {
    const { api } = setup();
    const before = await api.getSettings();
    await expect(api.updateSettings(changes as never)).rejects.toThrow(message);
    expect(await api.getSettings()).toEqual(before);
  });

  it('refuses to change a server set by the environment, and says it is locked', async () => {
    const { api } = setup({ WEBCONF_SERVER_URL: 'https://env.example.fr' });
    expect((await api.getSettings()).locked).toEqual(['serverUrl']);
    await expect(api.updateSettings({ serverUrl: 'https://other.example.fr', startMuted: true })).rejects.toThrow(
      /serverUrl cannot be changed here/,
    );
    expect((await api.getSettings()).values.startMuted).toBe(false);
    await api.updateSettings({ startMuted: true });
    expect((await api.getSettings()).values.startMuted).toBe(true);
  });
});

describe('window and OS consent', () => {
  it('passes restart and focus requests on', async () => {
    const { api, host } = setup();
    await api.focusApp();
    await api.restartApp();
    expect(host).toEqual(['focus', 'restart']);
  });

  it('answers media access for the known kinds and refuses others', async () => {
    const { api, host } = setup();
    expect(await api.requestMediaAccess('camera')).toBe('denied');
    expect(await api.openMediaAccessSettings('microphone')).toBe(true);
    for (const kind of ['location', '', null]) {
      await expect(api.requestMediaAccess(kind as MediaAccessKind)).rejects.toThrow(/'camera', 'microphone'/);
      await expect(api.openMediaAccessSettings(kind as MediaAccessKind)).rejects.toThrow(/'camera'/);
    }
    expect(host).toEqual(['settings:microphone']);
  });
});
