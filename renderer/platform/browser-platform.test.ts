// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBrowserPlatform } from './browser-platform';
import { signalingUrlFor } from './index';

const platform = () => createBrowserPlatform(window.localStorage, window.location, '1.2.3');

afterEach(() => {
  window.localStorage.clear();
  vi.restoreAllMocks();
});

describe('browser platform', () => {
  it('describes itself as the web client and uses its own origin as the server', async () => {
    expect(await platform().getAppInfo()).toEqual({ host: 'web', version: '1.2.3', platform: 'web' });
    expect(await platform().getServerUrl()).toBe(window.location.origin);
  });

  it('remembers device preferences across instances', async () => {
    const camera = { deviceId: 'cam-1', label: 'Integrated camera' };
    await platform().setDevicePreferences({ camera });
    expect(await platform().getDevicePreferences()).toEqual({ camera });
  });

  it('treats a corrupt stored preference as none, without throwing', async () => {
    window.localStorage.setItem('webconf.devicePreferences', '{not json');
    expect(await platform().getDevicePreferences()).toEqual({});
    window.localStorage.setItem('webconf.devicePreferences', '42');
    expect(await platform().getDevicePreferences()).toEqual({});
  });

  it('opens only http(s) and mailto links, in a new context without opener', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    await platform().openExternal('https://www.numerique.gouv.fr/');
    expect(open).toHaveBeenCalledWith('https://www.numerique.gouv.fr/', '_blank', 'noopener,noreferrer');
    await expect(platform().openExternal('javascript:alert(1)')).rejects.toThrow(/refusing/);
    await expect(platform().openExternal('file:///etc/passwd')).rejects.toThrow(/refusing/);
    expect(open).toHaveBeenCalledTimes(1);
  });
});

describe('browser platform settings', () => {
  it('offers the language and start muted, French and unmuted by default', async () => {
    expect(await platform().getSettings()).toEqual({
      values: { serverUrl: window.location.origin, language: 'fr', miniWindow: false, startMuted: false },
      available: ['language', 'startMuted'],
      locked: [],
      pendingServerUrl: null,
    });
  });

  it('remembers changes across instances', async () => {
    await platform().updateSettings({ language: 'en', startMuted: true });
    expect((await platform().getSettings()).values).toMatchObject({ language: 'en', startMuted: true });
  });

  it.each<[string, unknown, RegExp]>([
    ['the server URL', { serverUrl: 'https://conf.example.fr' }, /not a setting of the web client: serverUrl/],
    ['the mini window', { miniWindow: true }, /not a setting of the web client: miniWindow/],
    ['an unknown language', { language: 'de' }, /invalid settings/],
    ['an unknown key', { theme: 'dark' }, /invalid settings/],
  ])('refuses %s and keeps what was stored', async (_case, changes, message) => {
    await platform().updateSettings({ startMuted: true });
    await expect(platform().updateSettings(changes as never)).rejects.toThrow(message);
    expect((await platform().getSettings()).values).toMatchObject({ language: 'fr', startMuted: true });
  });
});

describe('signalingUrlFor', () => {
  it.each([
    ['http://127.0.0.1:8080', 'ws://127.0.0.1:8080/ws'],
    ['https://webconf.example.gouv.fr', 'wss://webconf.example.gouv.fr/ws'],
    ['https://webconf.example.gouv.fr/sub/', 'wss://webconf.example.gouv.fr/ws'],
  ])('%s → %s', (server, expected) => {
    expect(signalingUrlFor(server, '/ws')).toBe(expected);
  });
});
