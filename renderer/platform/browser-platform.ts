/** The desktop API as the web client implements it: same origin server, localStorage preferences. */
import { z } from 'zod';
import type { AppInfo, DesktopApi, DevicePreferences, SettingKey, SettingsState } from '../../common/desktop-api';
import { DEFAULT_SETTINGS, settingsChangeSchema } from '../../common/settings';

const DEVICE_PREFERENCES_KEY = 'webconf.devicePreferences';
export const LOCALE_KEY = 'webconf.locale';
const START_MUTED_KEY = 'webconf.startMuted';
/** The server is the page's own and a browser tab has no always-on-top window. */
const WEB_SETTINGS: SettingKey[] = ['language', 'startMuted'];

export function createBrowserPlatform(storage: Storage, location: Location, version: string): DesktopApi {
  let wakeLock: WakeLockSentinel | null = null;
  return {
    async getAppInfo(): Promise<AppInfo> {
      return { host: 'web', version, platform: 'web' };
    },
    async getServerUrl() {
      return location.origin;
    },
    async getDevicePreferences() {
      return readPreferences(storage);
    },
    async setDevicePreferences(preferences) {
      storage.setItem(DEVICE_PREFERENCES_KEY, JSON.stringify(preferences));
    },
    /** Navigates to the server's sign-in: the promise never settles, the page goes away. */
    signIn(returnTo) {
      const url = new URL('/auth/login', location.origin);
      url.searchParams.set('returnTo', returnTo);
      location.assign(url.href);
      return new Promise(() => undefined);
    },
    async signOut() {
      const response = await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin' });
      const { redirectTo } = (await response.json().catch(() => ({ redirectTo: '/' }))) as { redirectTo: string };
      location.assign(redirectTo);
    },
    /** The browser's own wake lock, where it has one: the screen stays on during the call. */
    async setCallActive(active) {
      if (active && !wakeLock && 'wakeLock' in navigator) {
        wakeLock = await navigator.wakeLock.request('screen').catch(() => null);
      } else if (!active && wakeLock) {
        await wakeLock.release().catch(() => undefined);
        wakeLock = null;
      }
    },
    async notify(notice) {
      if (!document.hidden || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
      new Notification(notice.title, { body: notice.body.slice(0, 200), tag: notice.kind });
    },
    /** The browser shows its own picker. */
    async listCaptureSources() {
      return [];
    },
    async chooseCaptureSource() {
      // Nothing to remember: the browser's picker decides.
    },
    async getSettings() {
      return readSettings(storage, location);
    },
    async updateSettings(changes) {
      const parsed = settingsChangeSchema.safeParse(changes);
      if (!parsed.success) throw new Error(`invalid settings: ${z.prettifyError(parsed.error)}`);
      const unavailable = Object.keys(parsed.data).filter((key) => !WEB_SETTINGS.includes(key as SettingKey));
      if (unavailable.length > 0) throw new Error(`not a setting of the web client: ${unavailable.join(', ')}`);
      if (parsed.data.language) storage.setItem(LOCALE_KEY, parsed.data.language);
      if (parsed.data.startMuted !== undefined) storage.setItem(START_MUTED_KEY, String(parsed.data.startMuted));
      return readSettings(storage, location);
    },
    async restartApp() {
      location.reload();
    },
    async focusApp() {
      window.focus();
    },
    /** The browser asks for devices itself, when the page starts them. */
    async requestMediaAccess() {
      return 'granted';
    },
    async openMediaAccessSettings() {
      return false;
    },
    /** The server serves the newest web client: nothing to update here. */
    async getUpdateStatus() {
      return { state: 'off', reason: 'web' };
    },
    async installUpdate() {
      throw new Error('the web client has no updates to install');
    },
    async openExternal(url) {
      const parsed = new URL(url);
      if (!['http:', 'https:', 'mailto:'].includes(parsed.protocol))
        throw new Error(`refusing to open ${parsed.protocol} links`);
      window.open(parsed.href, '_blank', 'noopener,noreferrer');
    },
  };
}

function readPreferences(storage: Storage): DevicePreferences {
  try {
    const value: unknown = JSON.parse(storage.getItem(DEVICE_PREFERENCES_KEY) ?? '{}');
    return typeof value === 'object' && value !== null ? (value as DevicePreferences) : {};
  } catch {
    return {}; // a corrupt entry is forgotten, not fatal
  }
}

function readSettings(storage: Storage, location: Location): SettingsState {
  return {
    values: {
      serverUrl: location.origin,
      language: storage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'fr',
      miniWindow: false,
      startMuted:
        storage.getItem(START_MUTED_KEY) === null
          ? DEFAULT_SETTINGS.startMuted
          : storage.getItem(START_MUTED_KEY) === 'true',
    },
    available: [...WEB_SETTINGS],
    locked: [],
    pendingServerUrl: null,
  };
}
