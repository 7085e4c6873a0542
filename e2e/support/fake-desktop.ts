import type { Browser } from '@playwright/test';
import { DESKTOP_API_GLOBAL } from '../../common/desktop-api';
import { Participant } from './participant';

/**
 * The desktop API as the preload exposes it, for Chromium tests of the renderer's desktop parts
 * (picker, mini window, sharing bar, settings): its answers are fake, its calls are recorded in
 * `window.__desktopCalls`. Installed with `context.addInitScript(fakeDesktopApi, options)`.
 */
export interface FakeDesktopOptions {
  globalName: string;
  miniWindow: boolean;
  locked: string[];
  /** Devices the OS privacy settings refuse ('camera', 'microphone', 'screen'). */
  deniedBySystem?: string[];
  /** What getUpdateStatus answers (an update ready to install, say). */
  updateStatus?: { state: string; version?: string; reason?: string };
}

/** Runs in the page: it cannot use imports, only what it is given. */
export function fakeDesktopApi({
  globalName,
  miniWindow,
  locked,
  deniedBySystem = [],
  updateStatus = { state: 'off', reason: 'unpackaged' },
}: FakeDesktopOptions): void {
  const thumbnail =
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
  const calls: Array<[string, ...unknown[]]> = [];
  (window as unknown as { __desktopCalls: typeof calls }).__desktopCalls = calls;
  const settings = {
    values: { serverUrl: location.origin, language: 'fr', miniWindow, startMuted: false },
    available: ['serverUrl', 'language', 'miniWindow', 'startMuted'],
    locked,
    pendingServerUrl: null as string | null,
  };
  const record =
    <A extends unknown[], R>(name: string, answer: (...args: A) => R) =>
    async (...args: A) => {
      calls.push([name, ...args]);
      return answer(...args);
    };
  (window as unknown as Record<string, unknown>)[globalName] = {
    getAppInfo: record('getAppInfo', () => ({ host: 'desktop', version: 'test', platform: 'linux' })),
    getServerUrl: record('getServerUrl', () => location.origin),
    getDevicePreferences: record('getDevicePreferences', () => ({})),
    setDevicePreferences: record('setDevicePreferences', () => undefined),
    openExternal: record('openExternal', () => undefined),
    signIn: record('signIn', () => ({ sub: 'agent', name: null })),
    signOut: record('signOut', () => undefined),
    setCallActive: record('setCallActive', () => undefined),
    notify: record('notify', () => undefined),
    listCaptureSources: record('listCaptureSources', () => [
      { id: 'screen:0:0', name: 'Écran 1', kind: 'screen', thumbnail, appIcon: null },
      { id: 'window:7:0', name: 'Tableur — budget.ods', kind: 'window', thumbnail, appIcon: thumbnail },
    ]),
    chooseCaptureSource: record('chooseCaptureSource', () => undefined),
    getSettings: record('getSettings', () => structuredClone(settings)),
    updateSettings: record('updateSettings', (changes: Record<string, unknown>) => {
      for (const key of Object.keys(changes)) {
        if (settings.locked.includes(key)) throw new Error(`settings: ${key} cannot be changed here (locked)`);
      }
      Object.assign(settings.values, changes);
      if (typeof changes['serverUrl'] === 'string' && changes['serverUrl'] !== location.origin) {
        settings.pendingServerUrl = changes['serverUrl'];
      }
      return structuredClone(settings);
    }),
    restartApp: record('restartApp', () => undefined),
    focusApp: record('focusApp', () => undefined),
    requestMediaAccess: record('requestMediaAccess', (kind: string) =>
      deniedBySystem.includes(kind) ? 'denied' : 'granted',
    ),
    openMediaAccessSettings: record('openMediaAccessSettings', () => true),
    getUpdateStatus: record('getUpdateStatus', () => updateStatus),
    installUpdate: record('installUpdate', () => undefined),
  };
}

export const desktopCalls = (page: { evaluate: <T>(fn: () => T) => Promise<T> }) =>
  page.evaluate(() => (window as unknown as { __desktopCalls: Array<[string, ...unknown[]]> }).__desktopCalls);

/** A participant whose page runs as in the desktop app, with the fake desktop API. */
export async function openAsDesktop(
  browser: Browser,
  name: string,
  options: Partial<Omit<FakeDesktopOptions, 'globalName'>> = {},
): Promise<Participant> {
  const participant = await Participant.open(browser, name);
  await participant.context.addInitScript(fakeDesktopApi, {
    globalName: DESKTOP_API_GLOBAL,
    miniWindow: true,
    locked: [],
    ...options,
  });
  return participant;
}
