/** The user's settings as the host reports them: values, which ones it offers, which are locked. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppInfo, SettingKey, SettingsState } from '../../common/desktop-api';
import { DEFAULT_SETTINGS } from '../../common/settings';

export const useSettingsStore = defineStore('settings', () => {
  const state = ref<SettingsState>({
    values: { ...DEFAULT_SETTINGS, serverUrl: '', miniWindow: false },
    available: [],
    locked: [],
    pendingServerUrl: null,
  });

  /** The desktop app, or the web client in a browser. */
  const host = ref<AppInfo['host']>('web');

  function set(next: SettingsState): void {
    state.value = next;
  }

  const offers = (key: SettingKey) => state.value.available.includes(key);
  const isLocked = (key: SettingKey) => state.value.locked.includes(key);

  return { state, host, set, offers, isLocked };
});
