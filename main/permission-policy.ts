import { originOf } from './app-origin';

/**
 * What a conference needs: camera/microphone, screen sharing, full screen, notifications, and
 * writing (never reading) the clipboard for "copy the meeting link".
 */
export const GRANTABLE_PERMISSIONS: ReadonlySet<string> = new Set([
  'media',
  'display-capture',
  'fullscreen',
  'notifications',
  'clipboard-sanitized-write',
]);

export interface PermissionQuery {
  permission: string;
  /** A URL or an origin; Electron passes either, sometimes with a trailing slash. */
  requestingOrigin: string;
  appOrigin: string;
  serverOrigin: string;
}

/** Grant only the conference permissions, and only to our own pages or the configured server. */
export function decidePermission(query: PermissionQuery): boolean {
  if (!GRANTABLE_PERMISSIONS.has(query.permission)) return false;
  const origin = originOf(query.requestingOrigin);
  if (origin === null) return false;
  return origin === originOf(query.appOrigin) || origin === originOf(query.serverOrigin);
}
