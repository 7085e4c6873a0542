/**
 * Every signaling message between a client and the server, in one place.
 *
 * Client → server: requests `{ type: 'request', id, method, data }`, each answered by one
 * response `{ type: 'response', id, ok, data | error }`.
 * Server → client: notifications `{ type: 'notification', method, data }`.
 *
 * Request payloads are zod schemas because the server validates every inbound message at run
 * time; responses and notifications are plain types (the server builds them itself).
 * Media parameters (RTP capabilities, DTLS parameters…) are checked for their outer shape only:
 * the SFU validates them in depth and its refusal becomes a typed error reply.
 */
import { z } from 'zod';

import { CHAT_MESSAGE_MAX, DISPLAY_NAME_MAX, ROOM_ID_PATTERN } from './limits';

export * from './limits';

const Id = z.string().min(1).max(128);
const Token = z.string().min(1).max(4096);
const Password = z.string().max(128);

export const RoomIdSchema = z
  .string()
  .regex(ROOM_ID_PATTERN, 'room id: 1–64 lower-case letters, digits or inner dashes');

export const DisplayNameSchema = z
  .string()
  .transform((name) => name.replace(/\s+/g, ' ').trim())
  .pipe(z.string().min(1, 'display name is empty').max(DISPLAY_NAME_MAX));

/** Opaque JSON objects that the SFU validates in depth. */
const JsonObject = z.looseObject({});
export const RtpCapabilitiesSchema = z.looseObject({
  codecs: z.array(JsonObject).max(64),
  headerExtensions: z.array(JsonObject).max(64).optional(),
});
export const RtpParametersSchema = z.looseObject({
  codecs: z.array(JsonObject).min(1).max(16),
  encodings: z.array(JsonObject).max(8).optional(),
  headerExtensions: z.array(JsonObject).max(32).optional(),
  rtcp: JsonObject.optional(),
  mid: z.string().max(32).optional(),
});
export const DtlsParametersSchema = z.looseObject({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z
    .array(z.looseObject({ algorithm: z.string(), value: z.string() }))
    .min(1)
    .max(8),
});

export const MediaKindSchema = z.enum(['audio', 'video']);
export const MediaSourceSchema = z.enum(['microphone', 'camera', 'screen']);
export type MediaKind = z.infer<typeof MediaKindSchema>;
export type MediaSource = z.infer<typeof MediaSourceSchema>;

/** Which kind a source must carry: a "microphone" producer with video is refused. */
export const kindOfSource: Record<MediaSource, MediaKind> = {
  microphone: 'audio',
  camera: 'video',
  screen: 'video',
};

export const requestSchemas = {
  /** Before joining: what the room's router can receive, to load the client's Device. */
  getRouterRtpCapabilities: z.strictObject({ roomId: RoomIdSchema }),
  /** Enter the room; the reply carries both WebRTC transports so no further round trip is needed. */
  join: z.strictObject({
    roomId: RoomIdSchema,
    displayName: DisplayNameSchema,
    rtpCapabilities: RtpCapabilitiesSchema,
    /** Given to the room's creator: joins as moderator. */
    hostToken: Token.optional(),
    /** From a previous join of this room: a reconnecting participant keeps its role. */
    sessionToken: Token.optional(),
    /** From a moderator admitting us out of the lobby. */
    admissionToken: Token.optional(),
    /** The room's password, when it has one. */
    password: Password.optional(),
  }),
  /** Ask to enter a room whose lobby is on; answered later by `admitted` or `refused`. */
  knock: z.strictObject({ roomId: RoomIdSchema, displayName: DisplayNameSchema, password: Password.optional() }),
  connectTransport: z.strictObject({ transportId: Id, dtlsParameters: DtlsParametersSchema }),
  produce: z.strictObject({
    transportId: Id,
    kind: MediaKindSchema,
    source: MediaSourceSchema,
    rtpParameters: RtpParametersSchema,
    paused: z.boolean().default(false),
  }),
  closeProducer: z.strictObject({ producerId: Id }),
  pauseProducer: z.strictObject({ producerId: Id }),
  resumeProducer: z.strictObject({ producerId: Id }),
  /** Consumers are created paused; the client resumes each once its track is wired. */
  resumeConsumer: z.strictObject({ consumerId: Id }),
  setConsumerPreferredLayers: z.strictObject({
    consumerId: Id,
    spatialLayer: z.number().int().min(0).max(2),
    temporalLayer: z.number().int().min(0).max(2).optional(),
  }),
  restartIce: z.strictObject({ transportId: Id }),
  leave: z.strictObject({}),

  /** A chat message to the room, or privately to one participant (by peer id). */
  sendChat: z.strictObject({
    text: z
      .string()
      .transform((text) => text.trim())
      .pipe(z.string().min(1, 'empty message').max(CHAT_MESSAGE_MAX, `longer than ${CHAT_MESSAGE_MAX} characters`)),
    to: Id.optional(),
  }),

  /** Show an uploaded PDF to everyone (one presenter at a time), move through it, stop. */
  presentationStart: z.strictObject({ presentationId: Id }),
  presentationPage: z.strictObject({ page: z.number().int().min(1).max(10_000) }),
  presentationStop: z.strictObject({}),

  /** Raise or lower our hand; everyone sees who raised it, and when. */
  raiseHand: z.strictObject({ raised: z.boolean() }),

  /* Moderation: refused with `forbidden` unless the sender is a moderator of the room. */
  promote: z.strictObject({ peerId: Id }),
  muteParticipant: z.strictObject({ peerId: Id, source: z.enum(['microphone', 'camera']) }),
  removeParticipant: z.strictObject({ peerId: Id, reason: z.string().trim().max(200).optional() }),
  lockRoom: z.strictObject({ locked: z.boolean() }),
  setLobby: z.strictObject({ enabled: z.boolean() }),
  setNotesReadOnly: z.strictObject({ readOnly: z.boolean() }),
  /** null removes the password. */
  setPassword: z.strictObject({ password: Password.min(4, 'at least 4 characters').nullable() }),
  admit: z.strictObject({ knockId: Id }),
  refuse: z.strictObject({ knockId: Id }),
  endMeeting: z.strictObject({}),
} as const;

export type RequestMethod = keyof typeof requestSchemas;
export type RequestData<M extends RequestMethod> = z.input<(typeof requestSchemas)[M]>;
export type ValidRequestData<M extends RequestMethod> = z.output<(typeof requestSchemas)[M]>;

export const requestMethods = Object.keys(requestSchemas) as RequestMethod[];

export function isRequestMethod(method: string): method is RequestMethod {
  return Object.prototype.hasOwnProperty.call(requestSchemas, method);
}

/** The envelope of every client message, checked before the method's own schema. */
export const RequestEnvelopeSchema = z.strictObject({
  type: z.literal('request'),
  id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  method: z.string().max(64),
  data: z.unknown().optional(),
});

/* ------------------------------------------------------------------ responses */

export type JsonRecord = Record<string, unknown>;
/** Shapes owned by the SFU; each side casts them to its library's types at its boundary. */
export type RtpCapabilities = { codecs?: JsonRecord[]; headerExtensions?: JsonRecord[] } & JsonRecord;
export type RtpParameters = { codecs: JsonRecord[] } & JsonRecord;
export type DtlsParameters = JsonRecord;

export interface TransportOptions {
  id: string;
  iceParameters: JsonRecord;
  iceCandidates: JsonRecord[];
  dtlsParameters: JsonRecord;
  sctpParameters?: JsonRecord;
}

export type Role = 'moderator' | 'participant';

export interface PeerInfo {
  peerId: string;
  /** Stable across this participant's reconnections (chat addressing, history). */
  participantId: string;
  displayName: string;
  role: Role;
  /** When the hand went up (server time), or null: moderators take the floor in this order. */
  handRaisedAt: number | null;
}

export interface RoomInfo {
  title: string;
  locked: boolean;
  lobby: boolean;
  hasPassword: boolean;
  notesReadOnly: boolean;
}

/** Participants are named by a participant id that survives reconnections (unlike peer ids). */
export interface ChatParty {
  participantId: string;
  displayName: string;
}

export interface ChatMessage {
  id: number;
  from: ChatParty;
  /** null: to the whole room. */
  to: ChatParty | null;
  /** Plain text: never interpreted as HTML or markdown. */
  text: string;
  sentAt: number;
}

export interface Presentation {
  presentationId: string;
  presenterPeerId: string;
  presenterName: string;
  /** 1-based. */
  page: number;
  pages: number;
}

export interface Knock {
  knockId: string;
  displayName: string;
}

export interface ResponseMap {
  getRouterRtpCapabilities: { rtpCapabilities: RtpCapabilities };
  join: {
    peerId: string;
    role: Role;
    room: RoomInfo;
    /** Present it when joining again (reconnection) to keep the same role. */
    sessionToken: string;
    /** Ours across reconnections: how chat messages name us. */
    participantId: string;
    /** What is being presented now, if anything: a late joiner opens it at the current page. */
    presentation: Presentation | null;
    /** The latest chat messages we may read (the room's and our private ones), oldest first. */
    chatHistory: ChatMessage[];
    peers: PeerInfo[];
    sendTransport: TransportOptions;
    recvTransport: TransportOptions;
  };
  connectTransport: Record<string, never>;
  produce: { producerId: string };
  closeProducer: Record<string, never>;
  pauseProducer: Record<string, never>;
  resumeProducer: Record<string, never>;
  resumeConsumer: Record<string, never>;
  setConsumerPreferredLayers: Record<string, never>;
  restartIce: { iceParameters: JsonRecord };
  leave: Record<string, never>;
  knock: { knockId: string };
  sendChat: { message: ChatMessage };
  raiseHand: Record<string, never>;
  presentationStart: Record<string, never>;
  presentationPage: Record<string, never>;
  presentationStop: Record<string, never>;
  setLobby: Record<string, never>;
  setNotesReadOnly: Record<string, never>;
  setPassword: Record<string, never>;
  admit: Record<string, never>;
  refuse: Record<string, never>;
  promote: Record<string, never>;
  muteParticipant: Record<string, never>;
  removeParticipant: Record<string, never>;
  lockRoom: Record<string, never>;
  endMeeting: Record<string, never>;
}

export const errorCodes = [
  'bad_json', // not JSON, or not a request envelope
  'too_large', // over MAX_MESSAGE_BYTES
  'unknown_method',
  'invalid_data', // the method's schema refused the data
  'wrong_state', // e.g. produce before join, join twice
  'not_found', // no such transport / producer / consumer of this peer
  'rejected', // the SFU refused the parameters
  'unavailable', // the server cannot serve this now (media worker gone, shutting down)
  'forbidden', // a moderator action from a participant
  'room_full',
  'room_locked',
  'rate_limited',
  'lobby_required', // knock first: a moderator must admit you
  'password_required',
  'password_wrong',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface SignalingError {
  code: ErrorCode;
  message: string;
}

export type ResponseMessage =
  | { type: 'response'; id: number; ok: true; data: unknown }
  | { type: 'response'; id: number | null; ok: false; error: SignalingError };

/* -------------------------------------------------------------- notifications */

export interface NewConsumer {
  consumerId: string;
  producerId: string;
  peerId: string;
  kind: MediaKind;
  source: MediaSource;
  rtpParameters: RtpParameters;
  /** The producer is paused (a muted microphone): show it muted until consumerResumed. */
  producerPaused: boolean;
}

export interface NotificationMap {
  peerJoined: { peer: PeerInfo };
  peerLeft: { peerId: string };
  newConsumer: NewConsumer;
  consumerClosed: { consumerId: string };
  consumerPaused: { consumerId: string };
  consumerResumed: { consumerId: string };
  /** The dominant speaker: the last peer heard (kept through silence); null once they leave. */
  activeSpeaker: { peerId: string | null };
  /** The server lost this room's media (a worker died): join again. */
  rejoinRequired: { reason: string };
  /** A participant's role changed (promotion). */
  peerUpdated: { peer: PeerInfo };
  roomUpdated: { room: RoomInfo };
  /** A moderator turned our microphone (paused) or camera (closed) off; only we can turn it back on. */
  mutedByModerator: { source: 'microphone' | 'camera'; by: string };
  /** A moderator removed us from the room; the connection stays, out of the room. */
  removed: { by: string; reason: string | null };
  /** A moderator ended the meeting for everyone. */
  meetingEnded: { by: string };
  /** To moderators: who waits in the lobby, oldest first. */
  lobbyChanged: { waiting: Knock[] };
  /** To a knocker: join now with this token. */
  admitted: { admissionToken: string };
  /** To a knocker: a moderator refused. */
  refused: { by: string };
  chatMessage: { message: ChatMessage };
  presentationChanged: { presentation: Presentation | null };
}
export type NotificationMethod = keyof NotificationMap;

export type NotificationMessage = {
  [M in NotificationMethod]: { type: 'notification'; method: M; data: NotificationMap[M] };
}[NotificationMethod];

export type ServerMessage = ResponseMessage | NotificationMessage;
