/**
 * Protocol constants, in a file of their own so the renderer can use them without pulling the
 * server's validation library into its bundle.
 */

/** Hard cap on one inbound WebSocket frame: larger ones close the socket (1009). */
export const MAX_FRAME_BYTES = 1024 * 1024;
/** Largest request the server parses; a larger one (up to the frame cap) gets `too_large`. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/** Path of the signaling WebSocket on the server. */
export const SIGNALING_PATH = '/ws';
/** Shared notes: y-websocket protocol at <NOTES_PATH>/<roomId>?token=<session token>. */
export const NOTES_PATH = '/notes';

export const DISPLAY_NAME_MAX = 64;
export const ROOM_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** Header carrying a participant's session token on HTTP requests tied to its room. */
export const SESSION_HEADER = 'X-Webconf-Session';

/** Characters in one chat message. */
export const CHAT_MESSAGE_MAX = 2000;
