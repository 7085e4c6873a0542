/**
 * One platform interface (DesktopApi), two implementations: the Electron preload's, exposed on
 * window by contextBridge, and the browser's for guests of the web client.
 */
import { DESKTOP_API_GLOBAL, type DesktopApi } from '../../common/desktop-api';
import { createBrowserPlatform } from './browser-platform';

export function createPlatform(): DesktopApi {
  const desktop = (window as unknown as Record<string, DesktopApi | undefined>)[DESKTOP_API_GLOBAL];
  return desktop ?? createBrowserPlatform(window.localStorage, window.location, __APP_VERSION__);
}

/** ws(s)://host/ws for an http(s) server base URL. */
export function signalingUrlFor(serverUrl: string, path: string): string {
  const url = new URL(path, serverUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}
