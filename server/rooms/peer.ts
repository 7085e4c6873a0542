import { randomUUID } from 'node:crypto';
import type {
  Role,
  MediaSource,
  NotificationMap,
  NotificationMethod,
  PeerInfo,
  RtpCapabilities,
} from '../../common/signaling';
import type { SfuConsumer, SfuProducer, SfuTransport } from '../media/sfu';
import { SignalingFailure } from '../signaling/failure';

export type Notify = <M extends NotificationMethod>(method: M, data: NotificationMap[M]) => void;

export interface PublishedMedia {
  producer: SfuProducer;
  source: MediaSource;
}

/** One participant in a room: its two transports and the media it sends and receives. */
export class Peer {
  readonly id = randomUUID();
  readonly producers = new Map<string, PublishedMedia>();
  readonly consumers = new Map<string, SfuConsumer>();
  handRaisedAt: number | null = null;
  private closed = false;

  constructor(
    readonly displayName: string,
    public role: Role,
    readonly rtpCapabilities: RtpCapabilities,
    readonly sendTransport: SfuTransport,
    readonly recvTransport: SfuTransport,
    readonly notify: Notify,
    /** Survives reconnections (from the session token); names this participant in the chat. */
    readonly participantId: string = randomUUID(),
  ) {}

  get info(): PeerInfo {
    return {
      peerId: this.id,
      participantId: this.participantId,
      displayName: this.displayName,
      role: this.role,
      handRaisedAt: this.handRaisedAt,
    };
  }

  transport(transportId: string): SfuTransport {
    if (transportId === this.sendTransport.id) return this.sendTransport;
    if (transportId === this.recvTransport.id) return this.recvTransport;
    throw new SignalingFailure('not_found', `no transport ${transportId} for this participant`);
  }

  producer(producerId: string): PublishedMedia {
    const published = this.producers.get(producerId);
    if (!published) throw new SignalingFailure('not_found', `no producer ${producerId} for this participant`);
    return published;
  }

  consumer(consumerId: string): SfuConsumer {
    const consumer = this.consumers.get(consumerId);
    if (!consumer) throw new SignalingFailure('not_found', `no consumer ${consumerId} for this participant`);
    return consumer;
  }

  hasSource(source: MediaSource): boolean {
    return this.producersOf(source).length > 0;
  }

  producersOf(source: MediaSource): Array<PublishedMedia & { id: string }> {
    return [...this.producers].filter(([, p]) => p.source === source).map(([id, p]) => ({ id, ...p }));
  }

  /** Closing the transports closes every producer and consumer on them. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.sendTransport.close();
    this.recvTransport.close();
    this.producers.clear();
    this.consumers.clear();
  }
}
