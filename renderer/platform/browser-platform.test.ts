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

describe('signalingUrlFor', () => {
  it.each([
    ['http://127.0.0.1:8080', 'ws://127.0.0.1:8080/ws'],
    ['https://webconf.example.gouv.fr', 'wss://webconf.example.gouv.fr/ws'],
    ['https://webconf.example.gouv.fr/sub/', 'wss://webconf.example.gouv.fr/ws'],
  ])('%s → %s', (server, expected) => {
    expect(signalingUrlFor(server, '/ws')).toBe(expected);
  });
});
