/**
 * The origin the renderer is served from. A privileged standard scheme (not file://) gives the
 * app a real origin, so CSP 'self', permissions and IPC sender checks can all name it.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'webconf';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/`;

/**
 * The origin of a URL or origin string, or null when it has none.
 * Node's URL gives non-special schemes like app: the opaque origin "null" and keeps their host's
 * case, whereas Chromium treats our registered scheme as standard; so app: origins are built here
 * from scheme and lower-cased host. Opaque origins (data:, file:, javascript:…) return null, so
 * two of them never compare equal.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol === `${APP_SCHEME}:`) {
    return parsed.host === '' ? null : `${parsed.protocol}//${parsed.host.toLowerCase()}`;
  }
  return parsed.origin === 'null' ? null : parsed.origin;
}

/** Whether two URLs (or origins) share an origin; false when either has none. */
export function isSameOrigin(url: string, origin: string): boolean {
  const left = originOf(url);
  return left !== null && left === originOf(origin);
}
