/**
 * How each source is sent. Cameras: three simulcast layers, so each viewer gets the size its
 * tile needs. Screens: one layer tuned for text (detail over motion, few frames, high bitrate).
 * Microphones: Opus with forward error correction, silent when muted (DTX).
 */
import type { types } from 'mediasoup-client';

export type SendSource = 'microphone' | 'camera' | 'screen';

const cameraEncodings: types.RtpEncodingParameters[] = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 2, maxBitrate: 500_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 1, maxBitrate: 1_200_000, scalabilityMode: 'L1T3' },
];

const screenEncodings: types.RtpEncodingParameters[] = [{ maxBitrate: 2_500_000, maxFramerate: 15 }];

export function sendOptions(source: SendSource, track: MediaStreamTrack, paused: boolean): types.ProducerOptions {
  const common = { track, stopTracks: false, appData: { source, paused } };
  switch (source) {
    case 'camera':
      return { ...common, encodings: cameraEncodings, codecOptions: { videoGoogleStartBitrate: 1000 } };
    case 'screen':
      return { ...common, encodings: screenEncodings, codecOptions: { videoGoogleStartBitrate: 1000 } };
    case 'microphone':
      return { ...common, codecOptions: { opusStereo: false, opusDtx: true, opusFec: true } };
  }
}
