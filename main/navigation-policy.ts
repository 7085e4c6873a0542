import { APP_ORIGIN, isSameOrigin } from './app-origin';

/** The two origins the app trusts: its own pages and the configured Webconf server. */
export interface TrustedOrigins {
  appOrigin: string;
  serverOrigin: string;
}

export type NavigationDecision = 'allow' | 'open-external' | 'deny';

const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

export function isAppUrl(url: string, appOrigin: string = APP_ORIGIN): boolean {
  return isSameOrigin(url, appOrigin);
}

/**
 * The normalized form of a link the system may open (http, https or mailto, no credentials), or
 * null. Callers hand the normalized href to the OS rather than the raw string, so stray
 * whitespace or control characters never reach the shell.
 */
export function toSafeExternalUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!EXTERNAL_PROTOCOLS.has(parsed.protocol)) return null;
  // user:password@host links are a classic way to disguise the real host.
  if (parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}

export function isSafeExternalUrl(url: string): boolean {
  return toSafeExternalUrl(url) !== null;
}

/**
 * What to do when a page in our window tries to navigate to (or open a window on) `url`.
 * Only our own origin loads in-window. The server origin deliberately gets no exception: its pages
 * would run with the desktop bridge exposed, so its links open in the browser like any other.
 */
export function decideNavigation(url: string, origins: TrustedOrigins): NavigationDecision {
  if (isAppUrl(url, origins.appOrigin)) return 'allow';
  return isSafeExternalUrl(url) ? 'open-external' : 'deny';
}
