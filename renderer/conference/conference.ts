/**
 * A call in one room, framework-free: the mediasoup Device, both transports, our producers, the
 * consumers of everyone else's media and their tracks. Stores learn about it through typed events
 * carrying ids and flags only; components get tracks by consumer id from `remoteTrack()`.
 */
import { Device, type types } from 'mediasoup-client';
import type {
  ChatMessage,
  MediaKind,
  MediaSource,
  Knock,
  NewConsumer,
  PeerInfo,
  Presentation,
  RequestData,
  Role,
  RoomInfo,
  RtpCapabilities,
  TransportOptions,
} from '../../common/signaling';
import { Emitter } from './emitter';
import { sendOptions, type SendSource } from './send-options';
import { waitForAdmission } from './lobby';
import { SignalingClient, SignalingRequestError } from './signaling-client';
import { timing } from './timing';

export type ModerationMethod =
  | 'promote'
  | 'muteParticipant'
  | 'removeParticipant'
  | 'lockRoom'
  | 'endMeeting'
  | 'setLobby'
  | 'setNotesReadOnly'
  | 'setPassword'
  | 'admit'
  | 'refuse';

export type ConferenceState = 'idle' | 'joining' | 'waiting' | 'joined' | 'reconnecting' | 'left' | 'failed';

export interface RemoteMedia {
  consumerId: string;
  peerId: string;
  kind: MediaKind;
  source: MediaSource;
  paused: boolean;
}

export interface ConferenceEvents extends Record<string, unknown> {
  state: { state: ConferenceState; reason?: string };
  joined: {
    selfPeerId: string;
    participantId: string;
    role: Role;
    room: RoomInfo;
    peers: PeerInfo[];
    chatHistory: ChatMessage[];
  };
  chatMessage: ChatMessage;
  presentation: Presentation | null;
  peerUpdated: PeerInfo;
  roomUpdated: RoomInfo;
  /** For moderators: who waits in the lobby. */
  lobby: { waiting: Knock[] };
  /** A moderator turned our microphone or camera off. */
  mutedByModerator: { source: 'microphone' | 'camera'; by: string };
  /** We are out of the room by a moderator's decision. */
  dismissed: { kind: 'removed' | 'ended'; by: string; reason: string | null };
  peerJoined: PeerInfo;
  peerLeft: { peerId: string };
  mediaAdded: RemoteMedia;
  mediaRemoved: { consumerId: string };
  mediaPaused: { consumerId: string; paused: boolean };
  activeSpeaker: { peerId: string | null };
  published: { source: MediaSource; published: boolean; paused: boolean };
}

export interface JoinOptions {
  roomId: string;
  displayName: string;
  microphone: MediaStreamTrack | null;
  camera: MediaStreamTrack | null;
  microphoneMuted: boolean;
  /** A screen or window being shared (kept across reconnections). */
  screen?: MediaStreamTrack | null;
  /** From creating the room on this device: join as moderator. */
  hostToken?: string;
  /** The room's password, when it has one. */
  password?: string;
}

export interface ConferenceDeps {
  /** ws(s)://…/ws of the server. */
  signalingUrl: string;
  connect?: (url: string) => Promise<SignalingClient>;
  createDevice?: () => Device;
  /** Bounded reconnection: attempts and the delay before each. */
  reconnectDelaysMs?: number[];
}

export class Conference extends Emitter<ConferenceEvents> {
  private signaling: SignalingClient | null = null;
  private device: Device | null = null;
  private preparing: Promise<void> | null = null;
  private preparedRoom: string | null = null;
  private sendTransport: types.Transport | null = null;
  private recvTransport: types.Transport | null = null;
  private recvReady = deferred();
  private readonly producers = new Map<MediaSource, types.Producer>();
  private readonly consumers = new Map<string, types.Consumer>();
  private joinOptions: JoinOptions | null = null;
  /** From the last join: presented when joining again, to keep our role. */
  private sessionToken: string | undefined;
  /** From a moderator letting us out of the lobby, until we have joined with it. */
  private admissionToken: string | undefined;
  private state: ConferenceState = 'idle';
  private readonly connect: (url: string) => Promise<SignalingClient>;
  private readonly reconnectDelaysMs: number[];

  constructor(private readonly deps: ConferenceDeps) {
    super();
    this.connect = deps.connect ?? ((url) => SignalingClient.connect(url));
    this.reconnectDelaysMs = deps.reconnectDelaysMs ?? [500, 1000, 2000, 4000, 8000];
  }

  get currentState(): ConferenceState {
    return this.state;
  }

  /**
   * Opens signaling and loads the Device for a room: done on the pre-join page so that clicking
   * Join costs a single round trip.
   */
  prepare(roomId: string): Promise<void> {
    if (this.preparing && this.preparedRoom === roomId && this.signaling?.isOpen) return this.preparing;
    this.preparedRoom = roomId;
    this.preparing = this.loadDevice(roomId).catch((error: unknown) => {
      this.preparing = null;
      throw error;
    });
    return this.preparing;
  }

  async join(options: JoinOptions): Promise<void> {
    if (this.state === 'joining' || this.state === 'waiting' || this.state === 'joined')
      throw new Error('already in a call');
    this.joinOptions = options;
    this.setState('joining');
    try {
      await this.enterRoom(options);
    } catch (error) {
      if (this.joinOptions !== options) return; // the user left while joining: not a failure
      this.teardown();
      this.setState('failed', errorReason(error));
      throw error;
    }
    if (this.joinOptions !== options) {
      this.teardown(); // left while the last media were being set up
      return;
    }
    this.setState('joined');
  }

  async setMicrophoneMuted(muted: boolean): Promise<void> {
    if (this.joinOptions) this.joinOptions.microphoneMuted = muted;
    const producer = this.producers.get('microphone');
    if (!producer || !this.signaling) return;
    if (muted) {
      producer.pause();
      await this.signaling.request('pauseProducer', { producerId: producer.id });
    } else {
      producer.resume();
      await this.signaling.request('resumeProducer', { producerId: producer.id });
    }
    this.emit('published', { source: 'microphone', published: true, paused: muted });
  }

  /** Sends a new track for a source, replacing the current one without renegotiation. */
  async publish(source: SendSource, track: MediaStreamTrack): Promise<void> {
    if (this.joinOptions) this.joinOptions[source] = track;
    const existing = this.producers.get(source);
    if (existing) {
      await existing.replaceTrack({ track });
      return;
    }
    if (this.state === 'joined') await this.produce(source, track);
  }

  /** Stops sending a source (camera off): everyone else's consumer of it closes. */
  async unpublish(source: SendSource): Promise<void> {
    if (this.joinOptions) this.joinOptions[source] = null;
    const producer = this.producers.get(source);
    if (!producer) return;
    this.producers.delete(source);
    producer.close();
    this.emit('published', { source, published: false, paused: false });
    await this.signaling?.request('closeProducer', { producerId: producer.id }).catch(() => undefined);
  }

  remoteTrack(consumerId: string): MediaStreamTrack | undefined {
    return this.consumers.get(consumerId)?.track;
  }

  /** Ask the SFU for a smaller simulcast layer when a tile is small (0 = lowest). */
  async setPreferredLayer(consumerId: string, spatialLayer: number): Promise<void> {
    const consumer = this.consumers.get(consumerId);
    if (!consumer || consumer.kind !== 'video' || !this.signaling) return;
    await this.signaling.request('setConsumerPreferredLayers', { consumerId, spatialLayer });
  }

  /** Peer connections of this call, for diagnostics (getStats). */
  async getStats(): Promise<RTCStatsReport[]> {
    const transports = [this.sendTransport, this.recvTransport].filter((t): t is types.Transport => t !== null);
    return Promise.all(transports.map((transport) => transport.getStats()));
  }

  async leave(): Promise<void> {
    const signaling = this.signaling;
    this.joinOptions = null;
    this.sessionToken = undefined;
    if (signaling?.isOpen && this.state === 'joined') {
      await signaling.request('leave', {}).catch(() => undefined);
    }
    this.teardown();
    signaling?.close();
    this.signaling = null;
    this.preparing = null;
    this.setState('left');
  }

  /* ------------------------------------------------------------------ internals */

  private async loadDevice(roomId: string): Promise<void> {
    const signaling = await this.ensureSignaling();
    const { rtpCapabilities } = await signaling.request('getRouterRtpCapabilities', { roomId });
    if (!this.device) {
      const device = this.deps.createDevice?.() ?? new Device();
      await device.load({ routerRtpCapabilities: rtpCapabilities as types.RtpCapabilities });
      this.device = device;
    }
  }

  private async ensureSignaling(): Promise<SignalingClient> {
    if (this.signaling?.isOpen) return this.signaling;
    const signaling = await this.connect(this.deps.signalingUrl);
    this.signaling = signaling;
    this.listen(signaling);
    return signaling;
  }

  private async enterRoom(options: JoinOptions): Promise<void> {
    timing.mark('join-start');
    await this.prepare(options.roomId);
    const signaling = this.signaling;
    const device = this.device;
    if (!signaling || !device) throw new Error('not prepared');
    this.recvReady = deferred();
    const request = () =>
      signaling.request('join', {
        roomId: options.roomId,
        displayName: options.displayName,
        // A loaded Device always has codecs; the signaling schema requires them.
        rtpCapabilities: device.rtpCapabilities as RtpCapabilities & { codecs: NonNullable<RtpCapabilities['codecs']> },
        hostToken: options.hostToken,
        sessionToken: this.sessionToken,
        admissionToken: this.admissionToken,
        password: options.password,
      });
    const reply = await request().catch(async (error: unknown) => {
      if (!(error instanceof SignalingRequestError && error.code === 'lobby_required')) throw error;
      this.setState('waiting');
      this.admissionToken = await waitForAdmission(signaling, options);
      return request();
    });
    timing.mark('join-reply');
    this.admissionToken = undefined;
    this.sessionToken = reply.sessionToken;
    this.recvTransport = this.createTransport('recv', reply.recvTransport);
    this.sendTransport = this.createTransport('send', reply.sendTransport);
    this.recvReady.resolve();
    this.emit('joined', {
      selfPeerId: reply.peerId,
      participantId: reply.participantId,
      role: reply.role,
      room: reply.room,
      peers: reply.peers,
      chatHistory: reply.chatHistory,
    });
    this.emit('presentation', reply.presentation);
    const sends: Promise<void>[] = [];
    if (options.microphone) sends.push(this.produce('microphone', options.microphone, options.microphoneMuted));
    if (options.camera) sends.push(this.produce('camera', options.camera));
    if (options.screen) sends.push(this.produce('screen', options.screen));
    await Promise.all(sends);
  }

  private createTransport(direction: 'send' | 'recv', options: TransportOptions): types.Transport {
    const device = this.device!;
    const transportOptions = options as unknown as types.TransportOptions;
    const transport =
      direction === 'send'
        ? device.createSendTransport(transportOptions)
        : device.createRecvTransport(transportOptions);
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      timing.mark(`${direction}-connect`);
      this.requireSignaling()
        .request('connectTransport', { transportId: transport.id, dtlsParameters })
        .then(() => callback(), errback);
    });
    transport.on('connectionstatechange', (state) => {
      timing.mark(`${direction}-${state}`);
      if (state === 'failed') void this.restartIce(transport);
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
        this.requireSignaling()
          .request('produce', {
            transportId: transport.id,
            kind,
            rtpParameters: rtpParameters as never,
            source: appData.source as MediaSource,
            paused: appData.paused === true,
          })
          .then(({ producerId }) => callback({ id: producerId }), errback);
      });
    }
    return transport;
  }

  private async produce(source: SendSource, track: MediaStreamTrack, paused = false): Promise<void> {
    const transport = this.sendTransport;
    if (!transport) return;
    const producer = await transport.produce(sendOptions(source, track, paused));
    if (paused) producer.pause();
    this.producers.set(source, producer);
    producer.on('transportclose', () => this.producers.delete(source));
    this.emit('published', { source, published: true, paused });
  }

  private listen(signaling: SignalingClient): void {
    signaling.on('peerJoined', ({ peer }) => this.emit('peerJoined', peer));
    signaling.on('peerLeft', ({ peerId }) => this.emit('peerLeft', { peerId }));
    signaling.on('newConsumer', (data) => void this.consume(data));
    signaling.on('consumerClosed', ({ consumerId }) => this.dropConsumer(consumerId));
    signaling.on('consumerPaused', ({ consumerId }) => this.emit('mediaPaused', { consumerId, paused: true }));
    signaling.on('consumerResumed', ({ consumerId }) => this.emit('mediaPaused', { consumerId, paused: false }));
    signaling.on('activeSpeaker', ({ peerId }) => this.emit('activeSpeaker', { peerId }));
    signaling.on('rejoinRequired', ({ reason }) => void this.recover(reason, false));
    signaling.on('peerUpdated', ({ peer }) => this.emit('peerUpdated', peer));
    signaling.on('roomUpdated', ({ room }) => this.emit('roomUpdated', room));
    signaling.on('lobbyChanged', ({ waiting }) => this.emit('lobby', { waiting }));
    signaling.on('chatMessage', ({ message }) => this.emit('chatMessage', message));
    signaling.on('presentationChanged', ({ presentation }) => this.emit('presentation', presentation));
    signaling.on('mutedByModerator', (data) => this.emit('mutedByModerator', data));
    signaling.on('removed', ({ by, reason }) => this.dismiss({ kind: 'removed', by, reason }));
    signaling.on('meetingEnded', ({ by }) => this.dismiss({ kind: 'ended', by, reason: null }));
    signaling.on('closed', () => {
      if (this.signaling === signaling) this.signaling = null;
      if (this.state === 'joined') void this.recover('connection lost', true);
    });
  }

  private async consume(data: NewConsumer): Promise<void> {
    await this.recvReady.promise;
    const transport = this.recvTransport;
    if (!transport || transport.closed) return;
    timing.mark(`consume-${data.kind}`);
    try {
      const consumer = await transport.consume({
        id: data.consumerId,
        producerId: data.producerId,
        kind: data.kind,
        rtpParameters: data.rtpParameters as unknown as types.RtpParameters,
        appData: { peerId: data.peerId, source: data.source },
      });
      this.consumers.set(consumer.id, consumer);
      this.emit('mediaAdded', {
        consumerId: consumer.id,
        peerId: data.peerId,
        kind: data.kind,
        source: data.source,
        paused: data.producerPaused,
      });
      await this.requireSignaling().request('resumeConsumer', { consumerId: consumer.id });
      timing.mark(`resumed-${data.kind}`);
    } catch (error) {
      // A consumer whose producer vanished meanwhile is simply gone; anything else is worth a log.
      if (!(error instanceof SignalingRequestError && error.code === 'not_found')) {
        console.warn('webconf: cannot receive media', error);
      }
    }
  }

  private dropConsumer(consumerId: string): void {
    const consumer = this.consumers.get(consumerId);
    if (!consumer) return;
    this.consumers.delete(consumerId);
    consumer.close();
    this.emit('mediaRemoved', { consumerId });
  }

  private async restartIce(transport: types.Transport): Promise<void> {
    try {
      const { iceParameters } = await this.requireSignaling().request('restartIce', { transportId: transport.id });
      await transport.restartIce({ iceParameters: iceParameters as unknown as types.IceParameters });
    } catch {
      // The signaling path's own recovery takes over if the server is unreachable.
    }
  }

  /**
   * Gets back into the room after the server lost our media (`rejoinRequired`) or the socket
   * dropped: local tracks are kept and republished; a bounded number of attempts, then failure.
   */
  private async recover(reason: string, socketLost: boolean): Promise<void> {
    const options = this.joinOptions;
    if (!options || this.state === 'reconnecting') return;
    this.setState('reconnecting', reason);
    this.teardown();
    if (socketLost) {
      this.signaling = null;
      this.preparing = null;
    }
    for (const delay of this.reconnectDelaysMs) {
      await sleep(delay);
      if (this.joinOptions !== options) return; // left meanwhile
      try {
        await this.enterRoom(options);
        this.setState('joined');
        return;
      } catch {
        this.teardown();
        if (!this.signaling?.isOpen) this.preparing = null;
      }
    }
    this.setState('failed', 'cannot reach the server');
  }

  /** Sends a chat message to the room, or privately to one peer; resolves with the stored message. */
  async sendChat(text: string, toPeerId?: string): Promise<ChatMessage> {
    const { message } = await this.requireSignaling().request('sendChat', { text, to: toPeerId });
    return message;
  }

  /** Our session token while in the room: it also opens the room's shared notes. */
  get sessionCredential(): string | undefined {
    return this.state === 'joined' ? this.sessionToken : undefined;
  }

  async presentation<M extends 'presentationStart' | 'presentationPage' | 'presentationStop'>(
    method: M,
    data: RequestData<M>,
  ): Promise<void> {
    await this.requireSignaling().request(method, data);
  }

  async raiseHand(raised: boolean): Promise<void> {
    await this.requireSignaling().request('raiseHand', { raised });
  }

  /** A moderator asks something of the room; the server checks that we are one. */
  async moderate<M extends ModerationMethod>(method: M, data: RequestData<M>): Promise<void> {
    await this.requireSignaling().request(method, data);
  }

  private dismiss(dismissal: ConferenceEvents['dismissed']): void {
    this.joinOptions = null;
    this.sessionToken = undefined;
    this.teardown();
    this.emit('dismissed', dismissal);
    this.setState('left', dismissal.kind);
  }

  /** Closes our media objects and tells listeners every remote media and peer is gone. */
  private teardown(): void {
    for (const [consumerId, consumer] of this.consumers) {
      consumer.close();
      this.emit('mediaRemoved', { consumerId });
    }
    this.consumers.clear();
    for (const [source, producer] of this.producers) {
      producer.close();
      this.emit('published', { source, published: false, paused: false });
    }
    this.producers.clear();
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.sendTransport = null;
    this.recvTransport = null;
  }

  private requireSignaling(): SignalingClient {
    if (!this.signaling) throw new SignalingRequestError('closed', 'not connected to the server');
    return this.signaling;
  }

  private setState(state: ConferenceState, reason?: string): void {
    this.state = state;
    this.emit('state', { state, reason });
  }
}

function errorReason(error: unknown): string {
  if (error instanceof SignalingRequestError) return error.code;
  return error instanceof Error ? error.message : String(error);
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
