/**
 * The user's own camera and microphone: acquiring them with the chosen device, swapping devices,
 * stopping them, and naming failures so the UI can explain them. Tracks live here, never in stores.
 */
import { Emitter } from './emitter';

export type LocalSource = 'microphone' | 'camera';
export type MediaFailure = 'permission-denied' | 'no-device' | 'device-busy' | 'unknown';

export interface DeviceOption {
  deviceId: string;
  label: string;
}

export interface DeviceLists {
  cameras: DeviceOption[];
  microphones: DeviceOption[];
  speakers: DeviceOption[];
}

interface LocalMediaEvents extends Record<string, unknown> {
  /** A track was started, replaced or stopped. */
  trackChanged: { source: LocalSource; track: MediaStreamTrack | null };
  /** The device went away (unplugged, revoked) while in use. */
  trackEnded: { source: LocalSource };
  devicesChanged: void;
  /** The shared screen or window stopped (the user stopped it in the browser or OS). */
  screenEnded: void;
}

/** Camera capture: 720p feeds the three simulcast layers (180p, 360p, 720p). */
export const cameraConstraints: MediaTrackConstraints = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  frameRate: { ideal: 30, max: 30 },
};
export const microphoneConstraints: MediaTrackConstraints = {
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
};

export class MediaAccessError extends Error {
  constructor(
    readonly source: LocalSource,
    readonly failure: MediaFailure,
    message: string,
  ) {
    super(message);
    this.name = 'MediaAccessError';
  }
}

export class LocalMedia extends Emitter<LocalMediaEvents> {
  private readonly tracks: Record<LocalSource, MediaStreamTrack | null> = { microphone: null, camera: null };

  constructor(private readonly mediaDevices: MediaDevices) {
    super();
    mediaDevices.addEventListener('devicechange', () => this.emit('devicesChanged', undefined));
  }

  track(source: LocalSource): MediaStreamTrack | null {
    return this.tracks[source];
  }

  /** Starts (or switches) a source; the previous track of that source is stopped. */
  async start(source: LocalSource, deviceId?: string): Promise<MediaStreamTrack> {
    const base = source === 'camera' ? cameraConstraints : microphoneConstraints;
    const constraints: MediaTrackConstraints = deviceId ? { ...base, deviceId: { exact: deviceId } } : base;
    let stream: MediaStream;
    try {
      stream = await this.mediaDevices.getUserMedia(
        source === 'camera' ? { video: constraints } : { audio: constraints },
      );
    } catch (error) {
      throw toMediaAccessError(source, error);
    }
    const [track] = source === 'camera' ? stream.getVideoTracks() : stream.getAudioTracks();
    if (!track) throw new MediaAccessError(source, 'no-device', `no ${source} track`);
    this.tracks[source]?.stop();
    this.tracks[source] = track;
    track.addEventListener('ended', () => {
      if (this.tracks[source] !== track) return;
      this.tracks[source] = null;
      this.emit('trackEnded', { source });
      this.emit('trackChanged', { source, track: null });
    });
    this.emit('trackChanged', { source, track });
    return track;
  }

  stop(source: LocalSource): void {
    const track = this.tracks[source];
    if (!track) return;
    this.tracks[source] = null;
    track.stop();
    this.emit('trackChanged', { source, track: null });
  }

  stopAll(): void {
    this.stop('camera');
    this.stop('microphone');
    this.stopScreen();
  }

  private screen: MediaStreamTrack | null = null;

  get screenTrack(): MediaStreamTrack | null {
    return this.screen;
  }

  /**
   * Asks the user for a screen or a window (the browser's picker; the desktop app answers with its
   * own). Tuned for text: the encoder keeps detail rather than motion.
   */
  async startScreen(): Promise<MediaStreamTrack> {
    let stream: MediaStream;
    try {
      stream = await this.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 15, max: 30 } }, audio: false });
    } catch (error) {
      throw toMediaAccessError('camera', error);
    }
    const [track] = stream.getVideoTracks();
    if (!track) throw new MediaAccessError('camera', 'no-device', 'no screen track');
    track.contentHint = 'detail';
    this.stopScreen();
    this.screen = track;
    track.addEventListener('ended', () => {
      if (this.screen !== track) return;
      this.screen = null;
      this.emit('screenEnded', undefined);
    });
    return track;
  }

  stopScreen(): void {
    this.screen?.stop();
    this.screen = null;
  }

  /** Device labels are only readable once the page holds a media permission. */
  async listDevices(): Promise<DeviceLists> {
    const devices = await this.mediaDevices.enumerateDevices();
    const pick = (kind: MediaDeviceKind): DeviceOption[] =>
      devices
        .filter((device) => device.kind === kind && device.deviceId !== '')
        .map((device, index) => ({ deviceId: device.deviceId, label: device.label || `${kind} ${index + 1}` }));
    return { cameras: pick('videoinput'), microphones: pick('audioinput'), speakers: pick('audiooutput') };
  }
}

function toMediaAccessError(source: LocalSource, error: unknown): MediaAccessError {
  const name = (error as { name?: string }).name;
  const message = (error as Error).message ?? String(error);
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new MediaAccessError(source, 'permission-denied', message);
    case 'NotFoundError':
    case 'OverconstrainedError':
      return new MediaAccessError(source, 'no-device', message);
    case 'NotReadableError':
    case 'AbortError':
      return new MediaAccessError(source, 'device-busy', message);
    default:
      return new MediaAccessError(source, 'unknown', message);
  }
}
