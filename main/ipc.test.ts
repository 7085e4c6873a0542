import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { describe, it, expect } from 'vitest';
import { desktopChannels, type DesktopApi, type DesktopMethod, type SettingsState } from '../common/desktop-api';
import { createDesktopApi } from '../preload/desktop-api';
import { isAppFrame, registerDesktopApi } from './ipc';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

/** Records handlers the way ipcMain does, and lets the test invoke them. */
function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'> = {
    handle(channel: string, listener: Listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler(channel: string) {
      handlers.delete(channel);
    },
  };
  const invoke = async (frameUrl: string | null, channel: string, ...args: unknown[]) => {
    const listener = handlers.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    const event = { senderFrame: frameUrl === null ? null : { url: frameUrl } };
    return listener(event as unknown as IpcMainInvokeEvent, ...args);
  };
  return { ipcMain, handlers, invoke };
}

const settingsState: SettingsState = {
  values: { serverUrl: 'https://conf.example.fr', language: 'fr', miniWindow: true, startMuted: false },
  available: ['serverUrl', 'language', 'miniWindow', 'startMuted'],
  locked: [],
  pendingServerUrl: null,
};

function recordingApi() {
  const calls: Array<[string, unknown[]]> = [];
  const record =
    <T>(name: string, result: T) =>
    async (...args: unknown[]) => {
      calls.push([name, args]);
      return result;
    };
  const api: DesktopApi = {
    getAppInfo: record('getAppInfo', { host: 'desktop' as const, version: '1.0.0', platform: 'linux' }),
    getServerUrl: record('getServerUrl', 'https://conf.example.fr'),
    getDevicePreferences: record('getDevicePreferences', {}),
    setDevicePreferences: record('setDevicePreferences', undefined),
    openExternal: record('openExternal', undefined),
    signIn: record('signIn', { sub: 'agent-1', name: null }),
    signOut: record('signOut', undefined),
    setCallActive: record('setCallActive', undefined),
    notify: record('notify', undefined),
    listCaptureSources: record('listCaptureSources', []),
    chooseCaptureSource: record('chooseCaptureSource', undefined),
    getSettings: record('getSettings', settingsState),
    updateSettings: record('updateSettings', settingsState),
    restartApp: record('restartApp', undefined),
    focusApp: record('focusApp', undefined),
    requestMediaAccess: record('requestMediaAccess', 'granted' as const),
    openMediaAccessSettings: record('openMediaAccessSettings', true),
    getUpdateStatus: record('getUpdateStatus', { state: 'idle' as const }),
    installUpdate: record('installUpdate', undefined),
  };
  return { api, calls };
}

describe('registerDesktopApi', () => {
  it('registers exactly one handler per channel', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    registerDesktopApi(ipcMain, recordingApi().api, isAppFrame);
    expect([...handlers.keys()].sort()).toEqual(Object.values(desktopChannels).sort());
  });

  it.each([
    ['getAppInfo', desktopChannels.getAppInfo, [], { host: 'desktop', version: '1.0.0', platform: 'linux' }],
    ['getServerUrl', desktopChannels.getServerUrl, [], 'https://conf.example.fr'],
    ['getDevicePreferences', desktopChannels.getDevicePreferences, [], {}],
    [
      'setDevicePreferences',
      desktopChannels.setDevicePreferences,
      [{ camera: { deviceId: 'c', label: 'C' } }],
      undefined,
    ],
    ['openExternal', desktopChannels.openExternal, ['https://example.org/'], undefined],
  ])('routes %s from a trusted frame to its handler with its arguments', async (method, channel, args, result) => {
    const { ipcMain, invoke } = fakeIpcMain();
    const { api, calls } = recordingApi();
    registerDesktopApi(ipcMain, api, isAppFrame);
    expect(await invoke('app://webconf/room/42', channel, ...args)).toEqual(result);
    expect(calls).toEqual([[method, args]]);
  });

  it.each([
    ['a remote page', 'https://evil.example.com/'],
    ['the configured server', 'https://conf.example.fr/'],
    ['a look-alike app host', 'app://webconf.evil/'],
    ['a local file', 'file:///tmp/page.html'],
    ['a data: page', 'data:text/html,hi'],
    ['an empty URL', ''],
    ['a frame that is gone', null],
  ])('rejects calls from %s with "untrusted sender"', async (_case, frameUrl) => {
    const { ipcMain, invoke } = fakeIpcMain();
    const { api, calls } = recordingApi();
    registerDesktopApi(ipcMain, api, isAppFrame);
    for (const channel of Object.values(desktopChannels)) {
      await expect(invoke(frameUrl, channel, 'https://example.org/')).rejects.toThrow('untrusted sender');
    }
    expect(calls).toEqual([]);
  });

  it('uses the sender check it is given', async () => {
    const { ipcMain, invoke } = fakeIpcMain();
    const { api } = recordingApi();
    registerDesktopApi(ipcMain, api, () => false);
    await expect(invoke('app://webconf/', desktopChannels.getServerUrl)).rejects.toThrow('untrusted sender');
  });

  it('dispose removes every handler, so the API can be registered again', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const dispose = registerDesktopApi(ipcMain, recordingApi().api, isAppFrame);
    dispose();
    expect(handlers.size).toBe(0);
    expect(() => registerDesktopApi(ipcMain, recordingApi().api, isAppFrame)).not.toThrow();
  });
});

/** One call of every method, with arguments: the type makes a new method fail to compile until added. */
const everyMethod: { [M in DesktopMethod]: (api: DesktopApi) => Promise<unknown> } = {
  getAppInfo: (api) => api.getAppInfo(),
  getServerUrl: (api) => api.getServerUrl(),
  getDevicePreferences: (api) => api.getDevicePreferences(),
  setDevicePreferences: (api) => api.setDevicePreferences({ speaker: { deviceId: 's', label: 'S' } }),
  openExternal: (api) => api.openExternal('https://example.org/'),
  signIn: (api) => api.signIn('/'),
  signOut: (api) => api.signOut(),
  setCallActive: (api) => api.setCallActive(true),
  notify: (api) => api.notify({ kind: 'chat', title: 'Anne', body: 'Bonjour' }),
  listCaptureSources: (api) => api.listCaptureSources(),
  chooseCaptureSource: (api) => api.chooseCaptureSource('window:1:0', true),
  getSettings: (api) => api.getSettings(),
  updateSettings: (api) => api.updateSettings({ startMuted: true }),
  restartApp: (api) => api.restartApp(),
  focusApp: (api) => api.focusApp(),
  requestMediaAccess: (api) => api.requestMediaAccess('camera'),
  openMediaAccessSettings: (api) => api.openMediaAccessSettings('screen'),
  getUpdateStatus: (api) => api.getUpdateStatus(),
  installUpdate: (api) => api.installUpdate(),
};

describe('the preload API over IPC', () => {
  const connect = (frameUrl: string) => {
    const { ipcMain, invoke } = fakeIpcMain();
    const { api, calls } = recordingApi();
    registerDesktopApi(ipcMain, api, isAppFrame);
    // The preload's own code, with ipcRenderer.invoke replaced by the fake transport.
    return { bridge: createDesktopApi((channel, ...args) => invoke(frameUrl, channel, ...args)), api, calls };
  };

  it.each(Object.keys(everyMethod) as DesktopMethod[])(
    '%s reaches its handler with its arguments and returns its answer',
    async (method) => {
      const { bridge, api, calls } = connect('app://webconf/r/abc');
      const direct = await everyMethod[method](api);
      const answer = await everyMethod[method](bridge);
      expect(answer).toEqual(direct);
      expect(calls).toHaveLength(2);
      expect(calls[1]).toEqual(calls[0]);
      expect(calls[1]?.[0]).toBe(method);
    },
  );

  it.each(['about:blank', 'https://conf.example.fr/', 'app://webconf.evil/'])(
    'refuses every method to a page on %s, before any handler runs',
    async (frameUrl) => {
      const { bridge, calls } = connect(frameUrl);
      for (const call of Object.values(everyMethod)) await expect(call(bridge)).rejects.toThrow('untrusted sender');
      expect(calls).toEqual([]);
    },
  );
});
