/**
 * Meeting links handed to the app — webconf://join/<room>, or the configured server's
 * https://…/r/<room> — from the OS, a second launch or the command line. Anything else is
 * ignored: a link must never make the app load a page of someone else's choosing.
 */
const ROOM_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export const LINK_SCHEME = 'webconf';

/** The room a link names, or null if it is not a meeting link for us. */
export function roomFromLink(link: string, serverUrl: string): string | null {
  // Dot segments are resolved away by URL parsing: refuse them before, a link names a room as is.
  if (/(^|[/\\])(\.|%2e){1,2}([/\\?#]|$)/i.test(link)) return null;
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  let room: string | null = null;
  if (url.protocol === `${LINK_SCHEME}:`) {
    // webconf://join/<room> (host "join"), or webconf:join/<room>
    const rest = url.host ? `${url.host}${url.pathname}` : url.pathname;
    const match = /^\/*join\/([^/?#]+)\/?$/i.exec(rest);
    room = match ? decodeURIComponent(match[1]!) : null;
  } else if (url.protocol === 'https:' || url.protocol === 'http:') {
    if (url.origin !== new URL(serverUrl).origin) return null;
    const match = /^\/r\/([^/]+)\/?$/.exec(url.pathname);
    room = match ? decodeURIComponent(match[1]!) : null;
  }
  if (room === null) return null;
  room = room.toLowerCase();
  return ROOM_ID.test(room) ? room : null;
}

/** The first meeting link among command-line arguments (Windows and Linux pass links this way). */
export function roomFromArguments(argv: readonly string[], serverUrl: string): string | null {
  for (const argument of argv) {
    if (argument.startsWith('-')) continue;
    const room = roomFromLink(argument, serverUrl);
    if (room) return room;
  }
  return null;
}
