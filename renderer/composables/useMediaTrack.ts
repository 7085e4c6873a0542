/**
 * Tracks into media elements. Tracks stay out of stores: a component holds one in a shallow ref
 * for as long as it shows it, obtained by consumer id (remote) or by source (local).
 */
import { markRaw, onScopeDispose, shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import type { LocalSource } from '../conference/local-media';
import { spatialLayerForWidth } from '../conference/video-layers';
import { reportAutoplayRefused } from './useAutoplay';
import { useCall } from './useCall';

type TrackRef = Readonly<ShallowRef<MediaStreamTrack | null>>;

/** The track of a remote consumer; follows the id, and ignores answers that arrive too late. */
export function useRemoteTrack(consumerId: () => string | null): TrackRef {
  const { remoteTrack } = useCall();
  const track = shallowRef<MediaStreamTrack | null>(null);
  watch(
    consumerId,
    async (id) => {
      if (!id) {
        track.value = null;
        return;
      }
      const found = await remoteTrack(id).catch(() => undefined);
      if (consumerId() === id) track.value = found ? markRaw(found) : null;
    },
    { immediate: true },
  );
  return track;
}

/** Our own camera or microphone track, replaced whenever the device is switched or stopped. */
export function useLocalTrack(source: LocalSource): TrackRef {
  const { localMedia } = useCall();
  const current = localMedia.track(source);
  const track = shallowRef<MediaStreamTrack | null>(current ? markRaw(current) : null);
  const off = localMedia.on('trackChanged', (change) => {
    if (change.source === source) track.value = change.track ? markRaw(change.track) : null;
  });
  onScopeDispose(off);
  return track;
}

/** Plays a track in an element, including an element that a v-if has just recreated. */
export function usePlayTrack(element: Readonly<Ref<HTMLMediaElement | null>>, track: TrackRef): void {
  watch(
    [element, track],
    ([el, next]) => {
      if (!el) return;
      const shown = el.srcObject instanceof MediaStream ? el.srcObject.getTracks()[0] : undefined;
      if ((shown ?? null) === next) return;
      el.srcObject = next ? new MediaStream([next]) : null;
      if (next) {
        el.play().catch((error: unknown) => {
          const name = (error as { name?: string }).name;
          if (name === 'NotAllowedError') reportAutoplayRefused(el);
          else if (name !== 'AbortError') console.warn('webconf: cannot play media', error);
        });
      }
    },
    { immediate: true, flush: 'post' },
  );
}

/** Sends an element's sound to the chosen speaker, where the browser allows choosing one. */
export function useSpeaker(element: Readonly<Ref<HTMLMediaElement | null>>, speakerId: () => string | null): void {
  watch(
    [element, speakerId],
    ([el, id]) => {
      if (!el || !id || !('setSinkId' in el)) return;
      el.setSinkId(id).catch((error: unknown) => console.warn('webconf: cannot choose the speaker', error));
    },
    { immediate: true, flush: 'post' },
  );
}

export const speakerChoiceSupported =
  typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

/**
 * Asks the SFU for the simulcast layer that suits the element's size, as it is resized
 * (grid changes, side panel, window size); at most one request per settled size.
 */
export function usePreferredLayer(element: Readonly<Ref<HTMLElement | null>>, consumerId: () => string | null): void {
  const { setPreferredLayer } = useCall();
  let requested: { consumerId: string; layer: number } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = () => {
    const el = element.value;
    const id = consumerId();
    if (!el || !id) return;
    const layer = spatialLayerForWidth(el.clientWidth * window.devicePixelRatio);
    if (requested?.consumerId === id && requested.layer === layer) return;
    requested = { consumerId: id, layer };
    setPreferredLayer(id, layer).catch(() => (requested = null));
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(update, 250);
  };
  const observer = new ResizeObserver(schedule);
  watch(
    element,
    (el, previous) => {
      if (previous) observer.unobserve(previous);
      if (el) observer.observe(el);
    },
    { immediate: true },
  );
  watch(consumerId, schedule);
  onScopeDispose(() => {
    clearTimeout(timer);
    observer.disconnect();
  });
}
