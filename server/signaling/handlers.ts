/**
 * One handler per request method; the mapped type makes a missing handler a compile error.
 * Handlers receive data already validated by the method's schema.
 */
import type { RequestMethod, ResponseMap, Role, ValidRequestData } from '../../common/signaling';
import { decideModeration } from '../access/policy';
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

export const handlers: { [M in RequestMethod]: Handler<M> } = {
  async getRouterRtpCapabilities({ roomId }, { services, address }) {
    findRoomFor(services, roomId, address);
    const room = await services.registry.getOrCreate(roomId);
    return { rtpCapabilities: room.rtpCapabilities };
  },

  async join(data, { session, services, address, notify, afterReply }) {
    if (session.peer) throw new SignalingFailure('wrong_state', 'already in a room; leave it first');
    const { roomId, displayName, rtpCapabilities } = data;
    const stored = findRoomFor(services, roomId, address);
    const previous = await services.tokens.readSessionToken(data.sessionToken, roomId);
    const isHost = await services.tokens.isHostOf(data.hostToken, roomId);
    const role: Role = isHost || previous?.role === 'moderator' ? 'moderator' : 'participant';
    if (stored.settings.locked && role !== 'moderator') {
      throw new SignalingFailure('room_locked', 'this meeting is locked: nobody new may enter');
    }
    let room = await services.registry.getOrCreate(roomId);
    // The last peer may have left between the two calls, closing the room.
    if (room.isClosed) room = await services.registry.getOrCreate(roomId);
    if (room.peers.size >= services.maxParticipants) {
      throw new SignalingFailure('room_full', `this meeting is full (${services.maxParticipants} participants)`);
    }
    const peer = await room.admit({ displayName, role, rtpCapabilities, notify, onEvicted: () => session.forget() });
    session.room = room;
    session.peer = peer;
    services.directory.touch(roomId);
    const sessionToken = await services.tokens.issueSessionToken({
      roomId,
      participantId: peer.id,
      role,
      displayName,
      agent: false,
    });
    afterReply(async () => {
      if (room.activeSpeakerId) notify('activeSpeaker', { peerId: room.activeSpeakerId });
      await room.consumeExisting(peer);
    });
    return {
      peerId: peer.id,
      role,
      room: { title: stored.title, locked: stored.settings.locked },
      sessionToken,
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
    services.directory.saveSettings(room.id, { ...stored.settings, locked });
    room.broadcastToAll('roomUpdated', { room: { title: stored.title, locked } });
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
