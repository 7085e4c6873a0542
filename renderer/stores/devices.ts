/** Available devices and the user's choices (ids and labels only). */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { DevicePreferences } from '../../common/desktop-api';
import type { DeviceLists, LocalSource, MediaFailure } from '../conference/local-media';

export type DeviceKind = 'camera' | 'microphone' | 'speaker';
/** Why a source could not start: the browser's reasons, or the OS's privacy settings said no. */
export type DeviceFailure = MediaFailure | 'system-denied';
export type FailingSource = LocalSource | 'screen';

export const useDevicesStore = defineStore('devices', () => {
  const lists = ref<DeviceLists>({ cameras: [], microphones: [], speakers: [] });
  const selected = ref<Record<DeviceKind, string | null>>({ camera: null, microphone: null, speaker: null });
  const failures = ref<Record<FailingSource, DeviceFailure | null>>({ camera: null, microphone: null, screen: null });

  function setLists(next: DeviceLists): void {
    lists.value = next;
  }

  function select(kind: DeviceKind, deviceId: string | null): void {
    selected.value[kind] = deviceId;
  }

  function setFailure(source: FailingSource, failure: DeviceFailure | null): void {
    failures.value[source] = failure;
  }

  /** What to persist: ids with labels, since ids can change between sessions. */
  function preferences(): DevicePreferences {
    const choice = (kind: DeviceKind, options: { deviceId: string; label: string }[]) => {
      const option = options.find((o) => o.deviceId === selected.value[kind]);
      return option ? { deviceId: option.deviceId, label: option.label } : undefined;
    };
    return {
      camera: choice('camera', lists.value.cameras),
      microphone: choice('microphone', lists.value.microphones),
      speaker: choice('speaker', lists.value.speakers),
    };
  }

  return { lists, selected, failures, setLists, select, setFailure, preferences };
});
