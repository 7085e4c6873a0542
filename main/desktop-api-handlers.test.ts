import { describe, it, expect } from 'vitest';
import type { DevicePreferences } from '../common/desktop-api';
import { createDesktopApiHandlers } from './desktop-api-handlers';

function setup() {
  let stored: DevicePreferences = { microphone: { deviceId: 'mic-1', label: 'Headset' } };
  const opened: string[] = [];
  const callStates: boolean[] = [];
  const notices: string[] = [];
  const picks: string[] = [];
  const api = createDesktopApiHandlers({
    settings: {
      serverUrl: () => 'https://conf.example.fr',
      devicePreferences: () => stored,
      setDevicePreferences: (preferences) => {
        stored = preferences;
      },
    },
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
  });
  return { api, opened, callStates, notices, picks, stored: () => stored };
}

describe('createDesktopApiHandlers', () => {
  it('describes the desktop host', async () => {
    expect(await setup().api.getAppInfo()).toEqual({ host: 'desktop', version: '1.2.3', platform: 'linux' });
  });

  it('returns the server URL and device preferences from the store', async () => {
    const { api } = setup();
    expect(await api.getServerUrl()).toBe('https://conf.example.fr');
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
    expect(stored()).toBe(before);
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
