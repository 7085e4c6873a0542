/**
 * One handler per request method; the mapped type makes a missing handler a compile error.
 * Handlers receive data already validated by the method's schema.
 */
import type { RequestMethod, ResponseMap, Role, RoomInfo, ValidRequestData } from '../../common/signaling';
import { hashPassword, verifyPassword } from '../access/passwords';
import type { RoomSettings, StoredRoom } from '../data/rooms';
import { decideModeration, type Requester } from '../access/policy';
import type { Notify, Peer } from '../rooms/peer';
import type { Room } from '../rooms/room';
import { SignalingFailure } from './failure';
import { findRoomFor, type SignalingServices } from './services';
import type { Session } from './session';

export interface HandlerContext {
  session: Session;
  services: SignalingServices;
  /** The client's address as the server believes it (proxy headers from trusted proxies only). */
  address: string | null;
  /** The signed-in agent on this connection (web session cookie), if any. */
  agent: Requester['agent'];
  notify: Notify;
  /** Runs after the reply is sent (e.g. media for a new peer, which needs its transports first). */
  afterReply: (task: () => Promise<void>) => void;
}

type Handler<M extends RequestMethod> = (data: ValidRequestData<M>, ctx: HandlerContext) => Promise<ResponseMap[M]>;

const empty = {} as Record<string, never>;

/** The sender, if a moderator, and the participant it acts on (null for room-wide actions). */
function moderation(session: Session, targetId: string | null): { room: Room; actor: Peer; target: Peer | null } {
  const { room, peer } = session.joined();
  const target = targetId === null ? null : (room.peers.get(targetId) ?? null);
  const decision = decideModeration({ id: peer.id, role: peer.role }, targetId, target !== null);
  if (decision === 'not-moderator') throw new SignalingFailure('forbidden', 'only moderators may do this');
  if (decision === 'self') throw new SignalingFailure('invalid_data', 'a moderator cannot do this to themselves');
  if (decision === 'no-such-participant') throw new SignalingFailure('not_found', 'no such participant in this room');
  return { room, actor: peer, target };
}

function limitJoins(services: SignalingServices, address: string | null): void {
  if (!services.joins.take(address ?? 'unknown')) {
    throw new SignalingFailure('rate_limited', 'too many joins from your address; wait a minute');
  }
}

export function roomInfo(stored: StoredRoom): RoomInfo {
  const { locked, lobby, passwordHash, notesReadOnly } = stored.settings;
  return { title: stored.title, locked, lobby, hasPassword: passwordHash !== null, notesReadOnly };
}

function saveSettings(room: Room, services: SignalingServices, settings: RoomSettings): void {
  services.directory.saveSettings(room.id, settings);
  const stored = findRoomFor(services, room.id, null);
  room.broadcastToAll('roomUpdated', { room: roomInfo(stored) });
}

/**
 * The doors of a room for a participant, in order: locked, password (wrong ones count against the
 * address, like unknown rooms), lobby. A knock is already the way through the lobby.
 */
async function checkEntry(
  stored: StoredRoom,
  entry: { admitted: boolean; password: string | undefined; knocking?: boolean; skipLobby?: boolean },
  services: SignalingServices,
  address: string | null,
): Promise<void> {
  if (stored.settings.locked) throw new SignalingFailure('room_locked', 'this meeting is locked: nobody new may enter');
  if (entry.admitted) return;
  const { passwordHash, lobby } = stored.settings;
  if (passwordHash !== null) {
    if (!entry.password) throw new SignalingFailure('password_required', 'this meeting has a password');
    if (services.roomMisses.isBlocked(address ?? 'unknown')) {
      throw new SignalingFailure('rate_limited', 'too many wrong passwords; wait a minute');
    }
    if (!(await verifyPassword(entry.password, passwordHash))) {
      services.roomMisses.take(address ?? 'unknown');
      throw new SignalingFailure('password_wrong', 'wrong password');
    }
  }
  if (lobby && !entry.knocking && !entry.skipLobby)
    throw new SignalingFailure('lobby_required', 'a moderator must let you in: knock first');
}

export const handlers: { [M in RequestMethod]: Handler<M> } = {
  async getRouterRtpCapabilities({ roomId }, { services, address }) {
    findRoomFor(services, roomId, address);
    const room = await services.registry.getOrCreate(roomId);
    return { rtpCapabilities: room.rtpCapabilities };
  },

  async join(data, { session, services, address, agent, notify, afterReply }) {
    if (session.peer) throw new SignalingFailure('wrong_state', 'already in a room; leave it first');
    limitJoins(services, address);
    const { roomId, displayName, rtpCapabilities } = data;
    const stored = findRoomFor(services, roomId, address);
    const previous = await services.tokens.readSessionToken(data.sessionToken, roomId);
    const isHost = await services.tokens.isHostOf(data.hostToken, roomId);
    const role: Role = isHost || previous?.role === 'moderator' ? 'moderator' : 'participant';
    if (role !== 'moderator') {
      // Someone already in (reconnecting) or let in by a moderator passes the lobby and password.
      const admitted = previous !== null || (await services.tokens.isAdmitted(data.admissionToken, roomId));
      const skipLobby = agent !== null && services.agentsBypassLobby;
      await checkEntry(stored, { admitted, password: data.password, skipLobby }, services, address);
    }
    let room = await services.registry.getOrCreate(roomId);
    // The last peer may have left between the two calls, closing the room.
    if (room.isClosed) room = await services.registry.getOrCreate(roomId);
    if (room.peers.size >= services.maxParticipants) {
      throw new SignalingFailure('room_full', `this meeting is full (${services.maxParticipants} participants)`);
    }
    const peer = await room.admit({
      participantId: previous?.participantId,
      displayName,
      role,
      rtpCapabilities,
      notify,
      onEvicted: () => session.forget(),
    });
    session.room = room;
    session.peer = peer;
    services.directory.touch(roomId);
    const sessionToken = await services.tokens.issueSessionToken({
      roomId,
      participantId: peer.participantId,
      role,
      displayName,
      agent: agent !== null,
    });
    afterReply(async () => {
      if (role === 'moderator') room.announceLobby(peer);
      if (room.activeSpeakerId) notify('activeSpeaker', { peerId: room.activeSpeakerId });
      await room.consumeExisting(peer);
    });
    return {
      peerId: peer.id,
      role,
      room: roomInfo(stored),
      sessionToken,
      participantId: peer.participantId,
      chatHistory: services.chat.history(roomId, peer.participantId, services.chatHistory),
      presentation: room.presentation,
      peers: room.otherPeers(peer).map((other) => other.info),
      sendTransport: peer.sendTransport.options,
      recvTransport: peer.recvTransport.options,
    };
  },

  async connectTransport({ transportId, dtlsParameters }, { session }) {
    await session.joined().peer.transport(transportId).connect(dtlsParameters);
    return empty;
  },

  async produce(data, { session }) {
    const { room, peer } = session.joined();
    const producerId = await room.produce(peer, data);
    return { producerId };
  },

  async closeProducer({ producerId }, { session }) {
    const { room, peer } = session.joined();
    room.closeProducer(peer, producerId);
    return empty;
  },

  async pauseProducer({ producerId }, { session }) {
    await session.joined().peer.producer(producerId).producer.pause();
    return empty;
  },

  async resumeProducer({ producerId }, { session }) {
    await session.joined().peer.producer(producerId).producer.resume();
    return empty;
  },

  async resumeConsumer({ consumerId }, { session }) {
    await session.joined().peer.consumer(consumerId).resume();
    return empty;
  },

  async setConsumerPreferredLayers({ consumerId, spatialLayer, temporalLayer }, { session }) {
    await session.joined().peer.consumer(consumerId).setPreferredLayers(spatialLayer, temporalLayer);
    return empty;
  },

  async restartIce({ transportId }, { session }) {
    const iceParameters = await session.joined().peer.transport(transportId).restartIce();
    return { iceParameters };
  },

  async leave(_data, { session }) {
    session.joined();
    session.leave();
    return empty;
  },

  async sendChat({ text, to }, { session, services }) {
    const { room, peer } = session.joined();
    if (!services.chatMessages.take(peer.id)) {
      throw new SignalingFailure('rate_limited', 'too many messages: wait a few seconds');
    }
    const recipient = to === undefined ? null : room.peers.get(to);
    if (recipient === undefined) throw new SignalingFailure('not_found', 'this participant has left');
    if (recipient === peer) throw new SignalingFailure('invalid_data', 'a private message to yourself');
    const party = (p: Peer) => ({ participantId: p.participantId, displayName: p.displayName });
    const message = services.chat.add({
      roomId: room.id,
      from: party(peer),
      to: recipient ? party(recipient) : null,
      text,
      sentAt: Date.now(),
    });
    // A private message reaches its recipient only; the sender has it in the reply.
    const readers = recipient ? [recipient] : room.otherPeers(peer);
    for (const reader of readers) reader.notify('chatMessage', { message });
    return { message };
  },

  async presentationStart({ presentationId }, { session, services }) {
    const { room, peer } = session.joined();
    const stored = services.presentations.find(presentationId);
    if (!stored || stored.roomId !== room.id)
      throw new SignalingFailure('not_found', 'no such presentation in this room');
    const current = room.presentation;
    if (current && current.presenterPeerId !== peer.id) {
      throw new SignalingFailure('wrong_state', `${current.presenterName} is presenting; one presenter at a time`);
    }
    room.setPresentation({
      presentationId,
      presenterPeerId: peer.id,
      presenterName: peer.displayName,
      page: 1,
      pages: stored.pages,
    });
    return empty;
  },

  async presentationPage({ page }, { session }) {
    const { room, peer } = session.joined();
    const current = room.presentation;
    if (!current || current.presenterPeerId !== peer.id)
      throw new SignalingFailure('wrong_state', 'you are not presenting');
    if (page > current.pages)
      throw new SignalingFailure('invalid_data', `this presentation has ${current.pages} pages`);
    room.setPresentation({ ...current, page });
    return empty;
  },

  /** The presenter stops, or any moderator stops whoever presents. */
  async presentationStop(_data, { session }) {
    const { room, peer } = session.joined();
    const current = room.presentation;
    if (!current) return empty;
    if (current.presenterPeerId !== peer.id && peer.role !== 'moderator') {
      throw new SignalingFailure('forbidden', 'only the presenter or a moderator may stop the presentation');
    }
    room.setPresentation(null);
    return empty;
  },

  async raiseHand({ raised }, { session }) {
    const { room, peer } = session.joined();
    room.raiseHand(peer, raised, Date.now());
    return empty;
  },

  async promote({ peerId }, { session }) {
    const { room, target } = moderation(session, peerId);
    room.setRole(target!, 'moderator');
    return empty;
  },

  async muteParticipant({ peerId, source }, { session }) {
    const { room, actor, target } = moderation(session, peerId);
    await room.muteBy(target!, source, actor.displayName);
    return empty;
  },

  async removeParticipant({ peerId, reason }, { session }) {
    const { room, actor, target } = moderation(session, peerId);
    room.dismiss(target!, () => target!.notify('removed', { by: actor.displayName, reason: reason || null }));
    return empty;
  },

  async lockRoom({ locked }, { session, services }) {
    const { room } = moderation(session, null);
    const stored = findRoomFor(services, room.id, null);
    saveSettings(room, services, { ...stored.settings, locked });
    return empty;
  },

  async setLobby({ enabled }, { session, services }) {
    const { room } = moderation(session, null);
    const stored = findRoomFor(services, room.id, null);
    saveSettings(room, services, { ...stored.settings, lobby: enabled });
    return empty;
  },

  async setNotesReadOnly({ readOnly }, { session, services }) {
    const { room } = moderation(session, null);
    const stored = findRoomFor(services, room.id, null);
    saveSettings(room, services, { ...stored.settings, notesReadOnly: readOnly });
    return empty;
  },

  async setPassword({ password }, { session, services }) {
    const { room } = moderation(session, null);
    const passwordHash = password === null ? null : await hashPassword(password);
    const stored = findRoomFor(services, room.id, null);
    saveSettings(room, services, { ...stored.settings, passwordHash });
    return empty;
  },

  async knock({ roomId, displayName, password }, { session, services, address, notify }) {
    if (session.peer || session.knock) throw new SignalingFailure('wrong_state', 'already in a room or its lobby');
    limitJoins(services, address);
    const stored = findRoomFor(services, roomId, address);
    await checkEntry(stored, { admitted: false, password, knocking: true }, services, address);
    const room = await services.registry.getOrCreate(roomId);
    // Once answered, the knock is over: the knocker may join (admitted) or knock again later.
    const notifyKnocker: Notify = (method, data) => {
      if (method === 'admitted' || method === 'refused') session.knock = null;
      notify(method, data);
    };
    const knockId = room.knock(displayName, notifyKnocker);
    session.knock = { room, knockId };
    return { knockId };
  },

  async admit({ knockId }, { session, services }) {
    const { room } = moderation(session, null);
    const admissionToken = await services.tokens.issueAdmissionToken(room.id, knockId);
    room.answerKnock(knockId, (notifyKnocker) => notifyKnocker('admitted', { admissionToken }));
    return empty;
  },

  async refuse({ knockId }, { session }) {
    const { room, actor } = moderation(session, null);
    room.answerKnock(knockId, (notifyKnocker) => notifyKnocker('refused', { by: actor.displayName }));
    return empty;
  },

  async endMeeting(_data, { session }) {
    const { room, actor } = moderation(session, null);
    for (const peer of [...room.peers.values()]) {
      room.dismiss(peer, () => peer.notify('meetingEnded', { by: actor.displayName }));
    }
    return empty;
  },
};
