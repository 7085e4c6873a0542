/**
 * The desktop app proves its agent to our server without the renderer ever seeing the token:
 * the main process adds it to requests bound for the server's origin (HTTP API and WebSocket).
 */
import type { OnBeforeSendHeadersListenerDetails, Session } from 'electron';
import { originOf } from './app-origin';

/** Only the configured server gets the token: compared by origin, ws(s) mapped to http(s). */
export function isServerRequest(url: string, serverOrigin: string): boolean {
  const asHttp = url.replace(/^ws(s?):/i, 'http$1:');
  const origin = originOf(asHttp);
  return origin !== null && origin === originOf(serverOrigin);
}

export function installAgentAuthHeader(
  webRequest: Pick<Session['webRequest'], 'onBeforeSendHeaders'>,
  serverOrigin: string,
  currentToken: () => string | null,
): void {
  webRequest.onBeforeSendHeaders((details: OnBeforeSendHeadersListenerDetails, callback) => {
    const token = currentToken();
    const requestHeaders = { ...details.requestHeaders };
    if (token && isServerRequest(details.url, serverOrigin)) requestHeaders.Authorization = `Bearer ${token}`;
    callback({ requestHeaders });
  });
}
