/**
 * The SFU port implemented with mediasoup 3. The only module that imports mediasoup.
 * The worker binary comes from MEDIASOUP_WORKER_BIN (Debian's mediasoup-worker package).
 */
import * as mediasoup from 'mediasoup';
import type { types as ms } from 'mediasoup';
import type { DtlsParameters, JsonRecord, RtpCapabilities, RtpParameters } from '../../common/signaling';
import type { ServerConfig } from '../config';
import { routerMediaCodecs } from './codecs';
import {
  SfuRejection,
  type ConsumerEvents,
  type SfuConsumer,
  type SfuProducer,
  type SfuRouter,
  type SfuTransport,
  type SfuWorker,
} from './sfu';

type MediaConfig = ServerConfig['media'];

export async function createMediasoupWorker(id: number, config: MediaConfig): Promise<SfuWorker> {
  const worker = await mediasoup.createWorker({
    logLevel: 'warn',
    rtcMinPort: config.rtcMinPort,
    rtcMaxPort: config.rtcMaxPort,
  });
  return {
    id,
    onDied: (listener) => worker.once('died', listener),
    createRouter: async () =>
      wrapRouter(await worker.createRouter({ mediaCodecs: [...routerMediaCodecs] as ms.RtpCodecCapability[] }), config),
    close: () => worker.close(),
  };
}

async function wrapRouter(router: ms.Router, config: MediaConfig): Promise<SfuRouter> {
  const audioLevels = await router.createAudioLevelObserver({ maxEntries: 1, threshold: -70, interval: 500 });
  return {
    id: router.id,
    rtpCapabilities: router.rtpCapabilities as RtpCapabilities,
    createTransport: async (direction) => {
      const transport = await router.createWebRtcTransport({
        listenIps: [{ ip: config.listenIp, announcedIp: config.announcedIp }],
        enableUdp: true,
        enableTcp: true,
        preferUdp: true,
        // mediasoup-client ≥ 3.21 always negotiates SCTP.
        enableSctp: true,
        numSctpStreams: { OS: 1024, MIS: 1024 },
        initialAvailableOutgoingBitrate: config.initialOutgoingBitrate,
      });
      if (direction === 'send') await transport.setMaxIncomingBitrate(config.maxIncomingBitrate);
      return wrapTransport(transport);
    },
    canConsume: (producerId, rtpCapabilities) =>
      router.canConsume({ producerId, rtpCapabilities: rtpCapabilities as ms.RtpCapabilities }),
    onLoudestProducer: (listener) => {
      audioLevels.on('volumes', (volumes) => listener(volumes[0]?.producer.id ?? null));
      audioLevels.on('silence', () => listener(null));
    },
    watchAudioLevel: (producerId) => rejectAsSfu(audioLevels.addProducer({ producerId })),
    close: () => router.close(),
  };
}

function wrapTransport(transport: ms.WebRtcTransport): SfuTransport {
  return {
    id: transport.id,
    options: {
      id: transport.id,
      iceParameters: transport.iceParameters as unknown as JsonRecord,
      iceCandidates: transport.iceCandidates as unknown as JsonRecord[],
      dtlsParameters: transport.dtlsParameters as unknown as JsonRecord,
      sctpParameters: transport.sctpParameters as unknown as JsonRecord | undefined,
    },
    connect: (dtlsParameters: DtlsParameters) =>
      rejectAsSfu(transport.connect({ dtlsParameters: dtlsParameters as unknown as ms.DtlsParameters })),
    produce: async ({ kind, rtpParameters, paused }) =>
      wrapProducer(
        await rejectAsSfu(
          transport.produce({ kind, rtpParameters: rtpParameters as unknown as ms.RtpParameters, paused }),
        ),
      ),
    consume: async ({ producerId, rtpCapabilities, spatialLayer }) =>
      wrapConsumer(
        await rejectAsSfu(
          transport.consume({
            producerId,
            rtpCapabilities: rtpCapabilities as ms.RtpCapabilities,
            paused: true,
            preferredLayers: spatialLayer === undefined ? undefined : { spatialLayer },
          }),
        ),
      ),
    restartIce: async () => (await rejectAsSfu(transport.restartIce())) as unknown as JsonRecord,
    close: () => transport.close(),
  };
}

function wrapProducer(producer: ms.Producer): SfuProducer {
  return {
    id: producer.id,
    kind: producer.kind,
    get paused() {
      return producer.paused;
    },
    pause: () => rejectAsSfu(producer.pause()),
    resume: () => rejectAsSfu(producer.resume()),
    close: () => producer.close(),
  };
}

function wrapConsumer(consumer: ms.Consumer): SfuConsumer {
  const listeners: { [E in keyof ConsumerEvents]: ConsumerEvents[E][] } = {
    closed: [],
    producerPaused: [],
    producerResumed: [],
  };
  const emit = (event: keyof ConsumerEvents) => listeners[event].forEach((listener) => listener());
  consumer.on('producerclose', () => emit('closed'));
  consumer.on('transportclose', () => emit('closed'));
  consumer.on('producerpause', () => emit('producerPaused'));
  consumer.on('producerresume', () => emit('producerResumed'));
  return {
    id: consumer.id,
    producerId: consumer.producerId,
    kind: consumer.kind,
    rtpParameters: consumer.rtpParameters as unknown as RtpParameters,
    get producerPaused() {
      return consumer.producerPaused;
    },
    on: (event, listener) => listeners[event].push(listener),
    resume: () => rejectAsSfu(consumer.resume()),
    setPreferredLayers: (spatialLayer, temporalLayer) =>
      rejectAsSfu(consumer.setPreferredLayers({ spatialLayer, temporalLayer })),
    close: () => consumer.close(),
  };
}

/**
 * Operations a client asks for: whatever mediasoup refuses (bad parameters, connect() twice, a
 * consumer its worker closed a moment ago because the producer left) is the client's mistake or
 * an ordinary race, answered as such. Only a closed channel (InvalidStateError: the worker is
 * gone) is ours.
 */
async function rejectAsSfu<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    const err = error as Error;
    if (err.name === 'InvalidStateError') throw err;
    throw new SfuRejection(err.message);
  }
}
