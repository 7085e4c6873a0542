import {
  desktopChannels,
  type DesktopApi,
  type DesktopArgs,
  type DesktopMethod,
  type DesktopResult,
} from '../common/desktop-api';

export type Invoke = (channel: string, ...args: unknown[]) => Promise<unknown>;

/** The API the renderer sees: one method per IPC message, and nothing else. */
export function createDesktopApi(invoke: Invoke): DesktopApi {
  // The main process owns the types of its answers (see main/desktop-api-handlers.ts).
  const call = <M extends DesktopMethod>(method: M, ...args: DesktopArgs<M>) =>
    invoke(desktopChannels[method], ...args) as Promise<DesktopResult<M>>;

  return {
    getAppInfo: () => call('getAppInfo'),
    getServerUrl: () => call('getServerUrl'),
    getDevicePreferences: () => call('getDevicePreferences'),
    setDevicePreferences: (preferences) => call('setDevicePreferences', preferences),
    openExternal: (url) => call('openExternal', url),
    signIn: (returnTo) => call('signIn', returnTo),
    signOut: () => call('signOut'),
    setCallActive: (active) => call('setCallActive', active),
    notify: (notice) => call('notify', notice),
    listCaptureSources: () => call('listCaptureSources'),
    chooseCaptureSource: (sourceId, withSystemAudio) => call('chooseCaptureSource', sourceId, withSystemAudio),
    getSettings: () => call('getSettings'),
    updateSettings: (changes) => call('updateSettings', changes),
    restartApp: () => call('restartApp'),
    focusApp: () => call('focusApp'),
    requestMediaAccess: (kind) => call('requestMediaAccess', kind),
    openMediaAccessSettings: (kind) => call('openMediaAccessSettings', kind),
    getUpdateStatus: () => call('getUpdateStatus'),
    installUpdate: () => call('installUpdate'),
  };
}
