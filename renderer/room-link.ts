/**
 * What the home page accepts to find a room: a meeting link of this server (…/r/<room>) or a room
 * name typed by hand, normalised to the id form ("Réunion d'équipe" → "reunion-d-equipe").
 */
import { ROOM_ID_PATTERN } from '../common/limits';

export type RoomInput = { ok: true; roomId: string } | { ok: false; reason: 'empty' | 'other-server' | 'invalid' };

export const ROOM_PATH_PREFIX = '/r/';

export function parseRoomInput(input: string, serverOrigin: string): RoomInput {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'empty' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return parseRoomLink(text, serverOrigin);
  const roomId = normaliseRoomName(text);
  return ROOM_ID_PATTERN.test(roomId) ? { ok: true, roomId } : { ok: false, reason: 'invalid' };
}

function parseRoomLink(text: string, serverOrigin: string): RoomInput {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (url.origin !== new URL(serverOrigin).origin) return { ok: false, reason: 'other-server' };
  if (!url.pathname.startsWith(ROOM_PATH_PREFIX)) return { ok: false, reason: 'invalid' };
  const roomId = decodeURIComponent(url.pathname.slice(ROOM_PATH_PREFIX.length)).replace(/\/$/, '');
  return ROOM_ID_PATTERN.test(roomId) ? { ok: true, roomId } : { ok: false, reason: 'invalid' };
}

export function normaliseRoomName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

export function roomLink(serverOrigin: string, roomId: string): string {
  return new URL(ROOM_PATH_PREFIX + roomId, serverOrigin).href;
}
