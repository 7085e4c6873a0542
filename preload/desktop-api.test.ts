import { describe, it, expect } from 'vitest';
import { desktopChannels, type DesktopApi } from '../common/desktop-api';
import { createDesktopApi } from './desktop-api';

function recordingInvoke(answer: unknown) {
  const calls: Array<[string, unknown[]]> = [];
  const api = createDesktopApi(async (channel, ...args) => {
    calls.push([channel, args]);
    return answer;
  });
  return { api, calls };
}

describe('createDesktopApi', () => {
  it.each<[string, (api: DesktopApi) => Promise<unknown>, string, unknown[]]>([
    ['getAppInfo', (api) => api.getAppInfo(), desktopChannels.getAppInfo, []],
    ['getServerUrl', (api) => api.getServerUrl(), desktopChannels.getServerUrl, []],
    ['getDevicePreferences', (api) => api.getDevicePreferences(), desktopChannels.getDevicePreferences, []],
    [
      'setDevicePreferences',
      (api) => api.setDevicePreferences({ camera: { deviceId: 'cam-1', label: 'USB Camera' } }),
      desktopChannels.setDevicePreferences,
      [{ camera: { deviceId: 'cam-1', label: 'USB Camera' } }],
    ],
    [
      'openExternal',
      (api) => api.openExternal('https://example.org/'),
      desktopChannels.openExternal,
      ['https://example.org/'],
    ],
  ])('%s invokes %s with its arguments and returns the answer', async (_method, call, channel, args) => {
    const { api, calls } = recordingInvoke('answer');
    expect(await call(api)).toBe('answer');
    expect(calls).toEqual([[channel, args]]);
  });

  it('exposes exactly one function per DesktopApi method', () => {
    const { api } = recordingInvoke(undefined);
    expect(Object.keys(api).sort()).toEqual(Object.keys(desktopChannels).sort());
    for (const member of Object.values(api)) expect(typeof member).toBe('function');
  });

  it('passes errors from the main process through', async () => {
    const api = createDesktopApi(async () => {
      throw new Error('untrusted sender');
    });
    await expect(api.getServerUrl()).rejects.toThrow('untrusted sender');
  });
});
