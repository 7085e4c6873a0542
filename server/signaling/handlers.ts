/**
 * One handler per request method; the mapped type makes a missing handler a compile error.
 * Handlers receive data already validated by the method's schema.
 */
import type { RequestMethod, ResponseMap, ValidRequestData } from '../../common/signaling';
import type { Notify } from '../rooms/peer';
import type { RoomRegistry } from '../rooms/registry';
import { SignalingFailure } from './failure';
import type { Session } from './session';

export interface HandlerContext {
  session: Session;
  registry: RoomRegistry;
  notify: Notify;
  /** Runs after the reply is sent (e.g. media for a new peer, which needs its transports first). */
  afterReply: (task: () => Promise<void>) => void;
}

type Handler<M extends RequestMethod> = (data: ValidRequestData<M>, ctx: HandlerContext) => Promise<ResponseMap[M]>;

const empty = {} as Record<string, never>;

export const handlers: { [M in RequestMethod]: Handler<M> } = {
  async getRouterRtpCapabilities({ roomId }, { registry }) {
    const room = await registry.getOrCreate(roomId);
    return { rtpCapabilities: room.rtpCapabilities };
  },

  async join({ roomId, displayName, rtpCapabilities }, { session, registry, notify, afterReply }) {
    if (session.peer) throw new SignalingFailure('wrong_state', 'already in a room; leave it first');
    let room = await registry.getOrCreate(roomId);
    // The last peer may have left between the two calls, closing the room.
    if (room.isClosed) room = await registry.getOrCreate(roomId);
    const peer = await room.admit({
      displayName,
      rtpCapabilities,
      notify,
      onEvicted: () => session.forget(),
    });
    session.room = room;
    session.peer = peer;
    afterReply(async () => {
      if (room.activeSpeakerId) notify('activeSpeaker', { peerId: room.activeSpeakerId });
      await room.consumeExisting(peer);
    });
    return {
      peerId: peer.id,
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
};
