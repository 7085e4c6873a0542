import type {
  MediaKind,
  MediaSource,
  NotificationMap,
  NotificationMethod,
  Presentation,
  Role,
  RtpCapabilities,
  RtpParameters,
} from '../../common/signaling';
import { kindOfSource } from '../../common/signaling';
import type { Logger } from '../logger';
import type { SfuRouter, SfuWorker } from '../media/sfu';
import { randomUUID } from 'node:crypto';
import { SignalingFailure } from '../signaling/failure';
import { Peer, type Notify } from './peer';

export interface Admission {
  /** The participant's stable id when it reconnects; a new one otherwise. */
  participantId?: string;
  displayName: string;
  role: Role;
  rtpCapabilities: RtpCapabilities;
  notify: Notify;
  /** Called if the room drops this peer itself (its media worker died). */
  onEvicted: (reason: string) => void;
}

export interface ProduceRequest {
  transportId: string;
  kind: MediaKind;
  source: MediaSource;
  rtpParameters: RtpParameters;
  paused: boolean;
}

/**
 * New video consumers start on the lowest simulcast layer: its first key frame is small and quick
 * to encode, so the picture appears sooner; the client then asks for the layer its tile deserves.
 */
const INITIAL_SPATIAL_LAYER = 0;

/** A meeting: one SFU router, its peers, and who hears whom. */
export class Room {
  readonly peers = new Map<string, Peer>();
  private readonly evictions = new Map<Peer, (reason: string) => void>();
  private pendingAdmissions = 0;
  /** People waiting in the lobby, in arrival order. */
  private readonly knocks = new Map<string, { displayName: string; notify: Notify }>();
  private activeSpeaker: string | null = null;
  /** What is presented now; everyone follows the presenter's page. */
  presentation: Presentation | null = null;
  private closed = false;

  private constructor(
    readonly id: string,
    readonly worker: SfuWorker,
    private readonly router: SfuRouter,
    private readonly log: Logger,
    private readonly onEmpty: (room: Room) => void,
  ) {
    router.onLoudestProducer((producerId) => this.updateActiveSpeaker(producerId));
  }

  static async create(id: string, worker: SfuWorker, log: Logger, onEmpty: (room: Room) => void): Promise<Room> {
    const router = await worker.createRouter();
    return new Room(id, worker, router, log.child({ room: id }), onEmpty);
  }

  get rtpCapabilities(): RtpCapabilities {
    return this.router.rtpCapabilities;
  }

  /** A room looked up but never joined (capabilities fetched, then the user walked away) closes. */
  closeIfUnused(afterMs: number): void {
    const timer = setTimeout(() => {
      this.closeIfEmpty();
    }, afterMs);
    timer.unref();
  }

  get activeSpeakerId(): string | null {
    return this.activeSpeaker;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async admit(admission: Admission): Promise<Peer> {
    this.assertOpen();
    this.pendingAdmissions++;
    try {
      const [send, recv] = await Promise.all([
        this.router.createTransport('send'),
        this.router.createTransport('recv'),
      ]);
      if (this.closed) {
        send.close();
        recv.close();
        throw new SignalingFailure('unavailable', 'the room closed while joining; join again');
      }
      const peer = new Peer(
        admission.displayName,
        admission.role,
        admission.rtpCapabilities,
        send,
        recv,
        admission.notify,
        admission.participantId,
      );
      this.broadcast(peer, 'peerJoined', { peer: peer.info });
      this.peers.set(peer.id, peer);
      this.evictions.set(peer, admission.onEvicted);
      this.log.info({ peer: peer.id, peers: this.peers.size }, 'peer joined');
      return peer;
    } finally {
      this.pendingAdmissions--;
    }
  }

  /** Everyone else's media, for a peer that just joined. */
  otherPeers(peer: Peer): Peer[] {
    return [...this.peers.values()].filter((other) => other !== peer);
  }

  async consumeExisting(peer: Peer): Promise<void> {
    const tasks = this.otherPeers(peer).flatMap((other) =>
      [...other.producers.keys()].map((producerId) => this.createConsumer(peer, other, producerId)),
    );
    await Promise.all(tasks);
  }

  async produce(peer: Peer, request: ProduceRequest): Promise<string> {
    if (kindOfSource[request.source] !== request.kind) {
      throw new SignalingFailure(
        'invalid_data',
        `a ${request.source} producer carries ${kindOfSource[request.source]}`,
      );
    }
    if (request.transportId !== peer.sendTransport.id) {
      throw new SignalingFailure('not_found', `no send transport ${request.transportId} for this participant`);
    }
    if (peer.hasSource(request.source)) {
      throw new SignalingFailure('wrong_state', `already sending ${request.source}; close it first`);
    }
    const producer = await peer.sendTransport.produce(request);
    peer.producers.set(producer.id, { producer, source: request.source });
    if (producer.kind === 'audio') await this.router.watchAudioLevel(producer.id);
    await Promise.all(this.otherPeers(peer).map((other) => this.createConsumer(other, peer, producer.id)));
    return producer.id;
  }

  closeProducer(peer: Peer, producerId: string): void {
    peer.producer(producerId).producer.close();
    peer.producers.delete(producerId);
  }

  remove(peer: Peer): void {
    if (!this.peers.delete(peer.id)) return;
    this.evictions.delete(peer);
    peer.close();
    this.broadcast(peer, 'peerLeft', { peerId: peer.id });
    this.log.info({ peer: peer.id, peers: this.peers.size }, 'peer left');
    if (this.activeSpeaker === peer.id) this.setActiveSpeaker(null);
    if (this.presentation?.presenterPeerId === peer.id) this.setPresentation(null);
    this.closeIfEmpty();
  }

  private closeIfEmpty(): void {
    if (this.peers.size === 0 && this.pendingAdmissions === 0 && this.knocks.size === 0) this.close();
  }

  knock(displayName: string, notify: Notify): string {
    const knockId = randomUUID();
    this.knocks.set(knockId, { displayName, notify });
    this.announceLobby();
    return knockId;
  }

  /** The knocker gave up (left the page, lost its connection). */
  withdrawKnock(knockId: string): void {
    if (!this.knocks.delete(knockId)) return;
    this.announceLobby();
    this.closeIfEmpty();
  }

  /** A moderator's answer to a knock: the knocker is told, and leaves the lobby either way. */
  answerKnock(knockId: string, answer: (notify: Notify) => void): void {
    const knock = this.knocks.get(knockId);
    if (!knock) throw new SignalingFailure('not_found', 'nobody with this knock waits any more');
    this.knocks.delete(knockId);
    answer(knock.notify);
    this.announceLobby();
  }

  /** Tells moderators who waits; sent to a moderator who arrives, too. */
  announceLobby(to?: Peer): void {
    if (to && this.knocks.size === 0) return; // a new moderator needs no news of an empty lobby
    const waiting = [...this.knocks].map(([knockId, { displayName }]) => ({ knockId, displayName }));
    const moderators = to ? [to] : [...this.peers.values()].filter((peer) => peer.role === 'moderator');
    for (const moderator of moderators) moderator.notify('lobbyChanged', { waiting });
  }

  /** A moderator turned a participant's microphone (paused) or camera (closed) off. */
  async muteBy(target: Peer, source: 'microphone' | 'camera', by: string): Promise<void> {
    for (const { id, producer } of target.producersOf(source)) {
      if (source === 'microphone') await producer.pause();
      else this.closeProducer(target, id);
    }
    target.notify('mutedByModerator', { source, by });
  }

  /** Sends a participant out of the room, telling it why first. */
  dismiss(peer: Peer, farewell: () => void): void {
    farewell();
    const evicted = this.evictions.get(peer);
    this.remove(peer);
    evicted?.('dismissed');
  }

  setPresentation(presentation: Presentation | null): void {
    this.presentation = presentation;
    for (const peer of this.peers.values()) peer.notify('presentationChanged', { presentation });
  }

  /** Raising twice keeps the first time: the order of the queue is not lost. */
  raiseHand(peer: Peer, raised: boolean, now: number): void {
    const next = raised ? (peer.handRaisedAt ?? now) : null;
    if (next === peer.handRaisedAt) return;
    peer.handRaisedAt = next;
    for (const other of this.peers.values()) other.notify('peerUpdated', { peer: peer.info });
  }

  setRole(peer: Peer, role: Role): void {
    peer.role = role;
    for (const other of this.peers.values()) other.notify('peerUpdated', { peer: peer.info });
    if (role === 'moderator') this.announceLobby(peer);
  }

  broadcastToAll<M extends NotificationMethod>(method: M, data: NotificationMap[M]): void {
    for (const peer of this.peers.values()) peer.notify(method, data);
  }

  /** The router is gone (its worker died): drop every peer and ask each to join again. */
  evictAll(reason: string): void {
    for (const peer of this.peers.values()) {
      peer.close();
      peer.notify('rejoinRequired', { reason });
      this.evictions.get(peer)?.(reason);
    }
    this.peers.clear();
    this.evictions.clear();
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    this.router.close();
    this.onEmpty(this);
  }

  private async createConsumer(consumerPeer: Peer, producerPeer: Peer, producerId: string): Promise<void> {
    const published = producerPeer.producers.get(producerId);
    if (!published) return; // closed meanwhile
    if (!this.router.canConsume(producerId, consumerPeer.rtpCapabilities)) {
      this.log.warn({ peer: consumerPeer.id, producerId }, 'peer cannot receive this codec');
      return;
    }
    let consumer;
    try {
      consumer = await consumerPeer.recvTransport.consume({
        producerId,
        rtpCapabilities: consumerPeer.rtpCapabilities,
        spatialLayer: INITIAL_SPATIAL_LAYER,
      });
    } catch (error) {
      // A peer leaving during this await closes its transport: nothing to deliver.
      if (!this.peers.has(consumerPeer.id)) return;
      throw error;
    }
    const consumerId = consumer.id;
    consumerPeer.consumers.set(consumerId, consumer);
    consumer.on('closed', () => {
      if (consumerPeer.consumers.delete(consumerId)) consumerPeer.notify('consumerClosed', { consumerId });
    });
    consumer.on('producerPaused', () => consumerPeer.notify('consumerPaused', { consumerId }));
    consumer.on('producerResumed', () => consumerPeer.notify('consumerResumed', { consumerId }));
    consumerPeer.notify('newConsumer', {
      consumerId,
      producerId,
      peerId: producerPeer.id,
      kind: consumer.kind,
      source: published.source,
      rtpParameters: consumer.rtpParameters,
      producerPaused: consumer.producerPaused,
    });
  }

  /**
   * The dominant speaker is the last one heard: the highlight stays through pauses between
   * sentences instead of flickering with every silence, and moves when someone else speaks.
   */
  private updateActiveSpeaker(producerId: string | null): void {
    if (producerId === null) return;
    const speaker = this.peerOwning(producerId);
    if (speaker) this.setActiveSpeaker(speaker.id);
  }

  private setActiveSpeaker(peerId: string | null): void {
    if (peerId === this.activeSpeaker) return;
    this.activeSpeaker = peerId;
    for (const peer of this.peers.values()) peer.notify('activeSpeaker', { peerId });
  }

  private peerOwning(producerId: string): Peer | undefined {
    return [...this.peers.values()].find((peer) => peer.producers.has(producerId));
  }

  private broadcast<M extends NotificationMethod>(except: Peer, method: M, data: NotificationMap[M]): void {
    for (const peer of this.peers.values()) {
      if (peer !== except) peer.notify(method, data);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new SignalingFailure('unavailable', 'this room has just closed; join again');
  }
}
