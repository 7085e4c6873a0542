/**
 * Where Vue meets the conference layer: one call runtime per app, its events copied into the
 * stores as ids and flags, and the user's actions (preview, join, mute, switch device, leave).
 */
import { inject, type App, type InjectionKey } from 'vue';
import type { DesktopApi } from '../../common/desktop-api';
import { NOTES_PATH, SIGNALING_PATH } from '../../common/limits';
import type { NotesStatus, SharedNotes } from '../notes/shared-notes';
import { Conference, type ModerationMethod } from '../conference/conference';
import { HostTokens, RoomsApi } from '../conference/rooms-api';
import type { RequestData } from '../../common/signaling';
import { resolveDevice } from '../conference/device-choice';
import { LocalMedia, MediaAccessError, type LocalSource } from '../conference/local-media';
import { signalingUrlFor } from '../platform';
import { useCallStore } from '../stores/call';
import { requestSourcePick } from './useSourcePicker';
import { useChatStore } from '../stores/chat';
import { useDevicesStore, type DeviceKind } from '../stores/devices';

export interface CallRuntime {
  platform: DesktopApi;
  localMedia: LocalMedia;
  conference: Promise<Conference>;
  rooms: Promise<RoomsApi>;
  hostTokens: HostTokens;
  /** The pre-join preview starting the microphone and camera, which joining waits for. */
  preview: Promise<void> | null;
}

const callKey: InjectionKey<CallRuntime> = Symbol('call');
const PREVIEW_WAIT_MS = 5000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function installCall(app: App, platform: DesktopApi, mediaDevices: MediaDevices): CallRuntime {
  const localMedia = new LocalMedia(mediaDevices);
  const conference = platform.getServerUrl().then((serverUrl) => {
    const instance = new Conference({ signalingUrl: signalingUrlFor(serverUrl, SIGNALING_PATH) });
    bindConference(instance);
    bindHost(instance, platform);
    followDevices(localMedia, instance);
    return instance;
  });
  const rooms = platform.getServerUrl().then((serverUrl) => new RoomsApi(serverUrl));
  const runtime: CallRuntime = {
    platform,
    localMedia,
    conference,
    rooms,
    hostTokens: new HostTokens(window.localStorage),
    preview: null,
  };
  app.provide(callKey, runtime);
  return runtime;
}

/**
 * What the host does for a call: keep the display awake while in it, and tell the user about chat
 * messages and lobby knocks while the app is in the background (the host decides when that is).
 */
function bindHost(conference: Conference, platform: DesktopApi): void {
  const quietly = (promise: Promise<void>) => void promise.catch(() => undefined);
  conference.on('state', ({ state }) =>
    quietly(platform.setCallActive(state === 'joined' || state === 'reconnecting')),
  );
  const chat = useChatStore();
  conference.on('chatMessage', (message) => {
    if (message.from.participantId === chat.selfParticipantId) return;
    quietly(platform.notify({ kind: 'chat', title: message.from.displayName, body: message.text }));
  });
  let waiting = new Set<string>();
  conference.on('lobby', ({ waiting: knocks }) => {
    for (const knock of knocks) {
      if (!waiting.has(knock.knockId))
        quietly(platform.notify({ kind: 'lobby', title: 'Webconf', body: knock.displayName }));
    }
    waiting = new Set(knocks.map((knock) => knock.knockId));
  });
}

function bindConference(conference: Conference): void {
  const call = useCallStore();
  conference.on('state', ({ state, reason }) => {
    call.setStatus(state, reason);
    // Kept in the console for support: why a call had to reconnect, or gave up.
    if (state === 'reconnecting' || state === 'failed') console.warn(`webconf: call ${state}: ${reason ?? ''}`);
  });
  const chat = useChatStore();
  conference.on('joined', ({ selfPeerId, participantId, role, room, peers, chatHistory }) => {
    call.setJoined(selfPeerId, role, room, peers);
    chat.setHistory(participantId, chatHistory);
  });
  conference.on('chatMessage', (message) => chat.add(message));
  conference.on('presentation', (presentation) => (call.presentation = presentation));
  conference.on('peerUpdated', (peer) => call.updatePeer(peer));
  conference.on('roomUpdated', (room) => (call.room = room));
  conference.on('lobby', ({ waiting }) => (call.lobby = waiting));
  conference.on('dismissed', (dismissal) => (call.dismissal = dismissal));
  conference.on('peerJoined', (peer) => call.addPeer(peer));
  conference.on('peerLeft', ({ peerId }) => call.removePeer(peerId));
  conference.on('mediaAdded', (media) => call.addMedia(media));
  conference.on('mediaRemoved', ({ consumerId }) => call.removeMedia(consumerId));
  conference.on('mediaPaused', ({ consumerId, paused }) => call.setMediaPaused(consumerId, paused));
  conference.on('activeSpeaker', ({ peerId }) => (call.activeSpeakerId = peerId));
  conference.on('published', ({ source, published }) => {
    if (source === 'microphone') call.microphoneSending = published;
    if (source === 'camera') call.cameraSending = published;
    if (source === 'screen') call.screenSharing = published;
  });
}

/**
 * Devices come and go during a call: an unplugged device falls back to the system default without
 * dropping the call, and the chosen one is taken back when it returns.
 */
function followDevices(localMedia: LocalMedia, conference: Conference): void {
  const call = useCallStore();
  const devices = useDevicesStore();
  const sending = (source: LocalSource) => call.inCall && (source === 'microphone' || call.cameraOn);
  const switchTo = async (source: LocalSource, deviceId?: string) => {
    try {
      const track = await localMedia.start(source, deviceId);
      if (source === 'microphone') track.enabled = !call.microphoneMuted;
      await conference.publish(source, track);
      devices.setFailure(source, null);
    } catch {
      devices.setFailure(source, 'no-device');
    }
  };
  conference.on('mutedByModerator', ({ source, by }) => {
    call.mutedBy = { source, by };
    if (source === 'microphone') {
      call.microphoneMuted = true;
      const track = localMedia.track('microphone');
      if (track) track.enabled = false;
      void conference.setMicrophoneMuted(true).catch(() => undefined);
    } else {
      call.cameraOn = false;
      void conference.unpublish('camera').then(() => localMedia.stop('camera'));
    }
  });
  // Stopped from the browser's or the OS's own control: stop sending it too.
  localMedia.on('screenEnded', () => void conference.unpublish('screen'));
  localMedia.on('trackEnded', ({ source }) => {
    if (sending(source)) void switchTo(source);
  });
  localMedia.on('devicesChanged', async () => {
    devices.setLists(await localMedia.listDevices());
    for (const source of ['microphone', 'camera'] as const) {
      const wanted = devices.selected[source];
      const current = localMedia.track(source)?.getSettings().deviceId;
      const options = source === 'camera' ? devices.lists.cameras : devices.lists.microphones;
      if (wanted && current !== wanted && sending(source) && options.some((o) => o.deviceId === wanted)) {
        void switchTo(source, wanted);
      }
    }
  });
}

export function useCall() {
  const runtime = inject(callKey);
  if (!runtime) throw new Error('installCall() was not called');
  const { platform, localMedia } = runtime;
  const call = useCallStore();
  const devices = useDevicesStore();

  async function refreshDevices(): Promise<void> {
    devices.setLists(await localMedia.listDevices());
  }

  async function loadPreferences(): Promise<void> {
    await refreshDevices();
    const preferences = await platform.getDevicePreferences();
    devices.select('camera', resolveDevice(preferences.camera, devices.lists.cameras));
    devices.select('microphone', resolveDevice(preferences.microphone, devices.lists.microphones));
    devices.select('speaker', resolveDevice(preferences.speaker, devices.lists.speakers));
  }

  /**
   * Whether the OS lets the app use the source (asking the user where it has not been decided);
   * a refusal is reported as such, with the way to the OS setting, not as a missing device.
   */
  async function allowedBySystem(source: LocalSource | 'screen'): Promise<boolean> {
    const access = await platform.requestMediaAccess(source).catch(() => 'granted' as const);
    devices.setFailure(source, access === 'denied' ? 'system-denied' : null);
    return access !== 'denied';
  }

  /** Starts one local source with the chosen device, falling back to the default device. */
  async function startSource(source: LocalSource): Promise<MediaStreamTrack | null> {
    if (!(await allowedBySystem(source))) return null;
    try {
      const track = await localMedia.start(source, devices.selected[source] ?? undefined).catch((error: unknown) => {
        if (error instanceof MediaAccessError && error.failure === 'no-device' && devices.selected[source]) {
          return localMedia.start(source); // the remembered device is gone: use the default
        }
        throw error;
      });
      devices.setFailure(source, null);
      return track;
    } catch (error) {
      devices.setFailure(source, error instanceof MediaAccessError ? error.failure : 'unknown');
      return null;
    }
  }

  /** Pre-join: acquire what the user wants to send, and read device labels (needs a permission). */
  async function startPreview(): Promise<void> {
    const preview = Promise.all([
      localMedia.track('microphone') ? null : startSource('microphone'),
      call.cameraOn && !localMedia.track('camera') ? startSource('camera') : null,
    ]).then(() => undefined);
    runtime!.preview = preview;
    await preview;
    await loadPreferences();
  }

  async function prepare(roomId: string): Promise<void> {
    call.roomId = roomId;
    await (await runtime!.conference).prepare(roomId);
  }

  async function join(password?: string): Promise<void> {
    if (!call.roomId) throw new Error('no room chosen');
    // A click on "join" while the camera is still starting must not join without it: the
    // camera would show here and never reach the others. A permission prompt left open does not
    // hold the join for long: what starts later is sent once it starts (below).
    if (runtime!.preview) await Promise.race([runtime!.preview, sleep(PREVIEW_WAIT_MS)]);
    const conference = await runtime!.conference;
    await conference.join({
      roomId: call.roomId,
      displayName: call.displayName,
      microphone: localMedia.track('microphone'),
      camera: call.cameraOn ? localMedia.track('camera') : null,
      microphoneMuted: call.microphoneMuted,
      hostToken: runtime!.hostTokens.get(call.roomId),
      password,
    });
    runtime!.preview
      ?.then(() => sendLateSources(conference))
      .catch((error: unknown) => console.warn('webconf: cannot send a late source', error));
  }

  /** Sources the preview started only after the join: sent now, unless turned off meanwhile. */
  async function sendLateSources(conference: Conference): Promise<void> {
    const camera = localMedia.track('camera');
    if (call.inCall && call.cameraOn && camera && !call.cameraSending) await conference.publish('camera', camera);
    const microphone = localMedia.track('microphone');
    if (call.inCall && microphone && !call.microphoneSending) {
      microphone.enabled = !call.microphoneMuted;
      await conference.publish('microphone', microphone);
    }
  }

  /** Creates a room as an agent and keeps its host token on this device. */
  async function createRoom(title: string): Promise<string> {
    const created = await (await runtime!.rooms).createRoom(title);
    runtime!.hostTokens.remember(created.roomId, created.hostToken);
    return created.roomId;
  }

  /** One share at a time: a new one replaces ours. */
  async function startScreenShare(): Promise<void> {
    if (!(await allowedBySystem('screen'))) return;
    // The desktop app offers its own picker (screens and program windows); elsewhere the browser's.
    const sources = await platform.listCaptureSources().catch(() => []);
    if (sources.length > 0) {
      const pick = await requestSourcePick();
      if (!pick) return;
      await platform.chooseCaptureSource(pick.sourceId, pick.withSystemAudio);
      call.screenShareName = sources.find((source) => source.id === pick.sourceId)?.name ?? null;
    } else {
      call.screenShareName = null;
    }
    const track = await localMedia.startScreen();
    await (await runtime!.conference).publish('screen', track);
  }

  async function stopScreenShare(): Promise<void> {
    await (await runtime!.conference).unpublish('screen');
    localMedia.stopScreen();
  }

  /** The room's shared notes, opened with our session token; the caller destroys them. */
  async function openNotes(onStatus: (status: NotesStatus) => void): Promise<SharedNotes> {
    const conference = await runtime!.conference;
    const token = conference.sessionCredential;
    if (!token || !call.roomId) throw new Error('not in a room');
    const url = signalingUrlFor(await platform.getServerUrl(), NOTES_PATH);
    const name = call.displayName;
    // The editor and Yjs load on first use: most calls never open the notes.
    const { SharedNotes, colorFor } = await import('../notes/shared-notes');
    return new SharedNotes({ url, roomId: call.roomId, token, user: { name, color: colorFor(name) } }, onStatus);
  }

  /** Uploads a PDF (the server checks it) and starts presenting it. */
  async function present(file: File): Promise<void> {
    const conference = await runtime!.conference;
    const token = conference.sessionCredential;
    if (!token || !call.roomId) throw new Error('not in a room');
    const { presentationId } = await (await runtime!.rooms).uploadPresentation(call.roomId, token, file);
    await conference.presentation('presentationStart', { presentationId });
  }

  async function fetchPresentation(presentationId: string): Promise<ArrayBuffer> {
    const token = (await runtime!.conference).sessionCredential;
    if (!token) throw new Error('not in a room');
    return (await runtime!.rooms).fetchPresentation(presentationId, token);
  }

  async function presentationPage(page: number): Promise<void> {
    await (await runtime!.conference).presentation('presentationPage', { page });
  }

  async function stopPresentation(): Promise<void> {
    await (await runtime!.conference).presentation('presentationStop', {});
  }

  async function raiseHand(raised: boolean): Promise<void> {
    await (await runtime!.conference).raiseHand(raised);
  }

  async function sendChat(text: string, toPeerId?: string): Promise<void> {
    const message = await (await runtime!.conference).sendChat(text, toPeerId);
    useChatStore().add(message);
  }

  async function moderate<M extends ModerationMethod>(method: M, data: RequestData<M>): Promise<void> {
    await (await runtime!.conference).moderate(method, data);
  }

  async function setMicrophoneMuted(muted: boolean): Promise<void> {
    call.microphoneMuted = muted;
    const track = localMedia.track('microphone');
    if (track) track.enabled = !muted;
    await (await runtime!.conference).setMicrophoneMuted(muted);
  }

  /** Camera off releases the device (its light goes off); on acquires it again. */
  async function setCameraOn(on: boolean): Promise<void> {
    call.cameraOn = on;
    const conference = await runtime!.conference;
    if (!on) {
      await conference.unpublish('camera');
      localMedia.stop('camera');
      return;
    }
    const track = await startSource('camera');
    if (!track) {
      call.cameraOn = false;
      return;
    }
    await conference.publish('camera', track);
  }

  async function selectDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    devices.select(kind, deviceId);
    await platform.setDevicePreferences(devices.preferences());
    if (kind === 'speaker') return; // media elements follow the store's speaker id
    const source: LocalSource = kind;
    if (source === 'camera' && !call.cameraOn) return;
    const track = await startSource(source);
    if (!track) return;
    if (source === 'microphone') track.enabled = !call.microphoneMuted;
    await (await runtime!.conference).publish(source, track);
  }

  async function leave(): Promise<void> {
    await (await runtime!.conference).leave();
    localMedia.stopAll();
  }

  async function remoteTrack(consumerId: string): Promise<MediaStreamTrack | undefined> {
    return (await runtime!.conference).remoteTrack(consumerId);
  }

  async function setPreferredLayer(consumerId: string, spatialLayer: number): Promise<void> {
    await (await runtime!.conference).setPreferredLayer(consumerId, spatialLayer);
  }

  return {
    call,
    devices,
    localMedia,
    startPreview,
    refreshDevices,
    prepare,
    join,
    setMicrophoneMuted,
    setCameraOn,
    selectDevice,
    leave,
    remoteTrack,
    setPreferredLayer,
    createRoom,
    startScreenShare,
    stopScreenShare,
    sendChat,
    raiseHand,
    present,
    fetchPresentation,
    presentationPage,
    stopPresentation,
    openNotes,
    moderate,
    rooms: runtime.rooms,
    platform,
  };
}
