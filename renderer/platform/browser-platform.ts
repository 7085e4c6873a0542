/** The desktop API as the web client implements it: same origin server, localStorage preferences. */
import type { AppInfo, DesktopApi, DevicePreferences } from '../../common/desktop-api';

const DEVICE_PREFERENCES_KEY = 'webconf.devicePreferences';

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
