/**
 * A browser-free WebRTC client for tests: mediasoup-client's FakeHandler produces the same
 * RTP parameters a browser would, so the real SFU can be exercised from Node.
 */
import { FakeMediaStreamTrack } from 'fake-mediastreamtrack';
import { Device, FakeHandler, testFakeParameters, type types as client } from 'mediasoup-client';
import type {
  DtlsParameters,
  MediaKind,
  MediaSource,
  RtpCapabilities,
  RtpParameters,
  TransportOptions,
} from '../../common/signaling';

export async function loadFakeDevice(routerRtpCapabilities: RtpCapabilities): Promise<Device> {
  const device = new Device({ handlerFactory: FakeHandler.createFactory(testFakeParameters) });
  await device.load({ routerRtpCapabilities: routerRtpCapabilities as unknown as client.RtpCapabilities });
  return device;
}

/** What the device can receive, in the server's terms (the `rtpCapabilities` of a join). */
export function deviceCapabilities(device: Device): RtpCapabilities {
  return device.rtpCapabilities as unknown as RtpCapabilities;
}

export interface SendSignaling {
  connect(dtlsParameters: DtlsParameters): Promise<void>;
  produce(params: { kind: MediaKind; source: MediaSource; rtpParameters: RtpParameters }): Promise<string>;
}

export interface FakeSender {
  /** Publishes a fake track; resolves with the server's producer id. */
  produce(source: MediaSource, options?: { simulcast?: boolean }): Promise<string>;
  /** The RTP parameters of each produce, in order. */
  readonly sentRtpParameters: RtpParameters[];
  close(): void;
}

const kindOf: Record<MediaSource, MediaKind> = { microphone: 'audio', camera: 'video', screen: 'video' };

export function createFakeSender(device: Device, options: TransportOptions, signaling: SendSignaling): FakeSender {
  const transport = device.createSendTransport(options as unknown as client.TransportOptions);
  const sentRtpParameters: RtpParameters[] = [];
  transport.on('connect', ({ dtlsParameters }, callback, errback) => {
    signaling.connect(dtlsParameters as unknown as DtlsParameters).then(callback, errback);
  });
  transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
    const params = rtpParameters as unknown as RtpParameters;
    sentRtpParameters.push(params);
    signaling
      .produce({ kind, source: appData.source as MediaSource, rtpParameters: params })
      .then((id) => callback({ id }), errback);
  });
  return {
    sentRtpParameters,
    async produce(source, { simulcast = false } = {}) {
      const track = new FakeMediaStreamTrack({ kind: kindOf[source] });
      const producer = await transport.produce({
        track,
        encodings: simulcast ? [{ maxBitrate: 100_000 }, { maxBitrate: 500_000 }] : undefined,
        appData: { source },
      });
      return producer.id;
    },
    close: () => transport.close(),
  };
}
