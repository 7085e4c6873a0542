/**
 * What the rest of the server needs from an SFU, in our own terms. Only mediasoup-sfu.ts knows
 * mediasoup: upgrading or replacing it is a change to that one file.
 */
import type {
  DtlsParameters,
  JsonRecord,
  MediaKind,
  RtpCapabilities,
  RtpParameters,
  TransportOptions,
} from '../../common/signaling';

export interface SfuWorker {
  readonly id: number;
  /** Called once if the worker process dies; its routers are gone. */
  onDied(listener: (error: Error) => void): void;
  createRouter(): Promise<SfuRouter>;
  close(): void;
}

export interface SfuRouter {
  readonly id: string;
  readonly rtpCapabilities: RtpCapabilities;
  createTransport(direction: 'send' | 'recv'): Promise<SfuTransport>;
  canConsume(producerId: string, rtpCapabilities: RtpCapabilities): boolean;
  /** Reports the loudest producer among those added, or null on silence. */
  onLoudestProducer(listener: (producerId: string | null) => void): void;
  watchAudioLevel(producerId: string): Promise<void>;
  close(): void;
}

export interface SfuTransport {
  readonly id: string;
  readonly options: TransportOptions;
  connect(dtlsParameters: DtlsParameters): Promise<void>;
  produce(params: { kind: MediaKind; rtpParameters: RtpParameters; paused: boolean }): Promise<SfuProducer>;
  /**
   * Creates a paused consumer; resume it once the client has wired its track. For simulcast,
   * `spatialLayer` is the layer to start with (the client may ask for another later).
   */
  consume(params: {
    producerId: string;
    rtpCapabilities: RtpCapabilities;
    spatialLayer?: number;
  }): Promise<SfuConsumer>;
  restartIce(): Promise<JsonRecord>;
  close(): void;
}

export interface SfuProducer {
  readonly id: string;
  readonly kind: MediaKind;
  readonly paused: boolean;
  pause(): Promise<void>;
  resume(): Promise<void>;
  close(): void;
}

export interface ConsumerEvents {
  /** The consumer is gone because its producer or transport closed. */
  closed: () => void;
  producerPaused: () => void;
  producerResumed: () => void;
}

export interface SfuConsumer {
  readonly id: string;
  readonly producerId: string;
  readonly kind: MediaKind;
  readonly rtpParameters: RtpParameters;
  readonly producerPaused: boolean;
  on<E extends keyof ConsumerEvents>(event: E, listener: ConsumerEvents[E]): void;
  resume(): Promise<void>;
  setPreferredLayers(spatialLayer: number, temporalLayer?: number): Promise<void>;
  close(): void;
}

/** Raised when the SFU refuses parameters (bad RTP parameters, unknown producer…). */
export class SfuRejection extends Error {}
