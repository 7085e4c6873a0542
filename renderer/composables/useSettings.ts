/** Reading and changing the user's settings through the host, and applying them to the app. */
import { useI18n } from 'vue-i18n';
import type { AppSettings, SettingsState } from '../../common/desktop-api';
import { useCallStore } from '../stores/call';
import { useSettingsStore } from '../stores/settings';
import { useCall } from './useCall';

/** What a setting changes in the running app: the interface language and the pre-join microphone. */
export function applySettings(state: SettingsState, locale: { value: string }): void {
  locale.value = state.values.language;
  document.documentElement.lang = state.values.language;
  const call = useCallStore();
  if (!call.inCall) call.microphoneMuted = state.values.startMuted;
}

export function useSettings() {
  const { platform } = useCall();
  const settings = useSettingsStore();
  const { locale } = useI18n({ useScope: 'global' });

  /** Saves the changes; the host's error (invalid or locked) reaches the caller unchanged. */
  async function update(changes: Partial<AppSettings>): Promise<void> {
    const next = await platform.updateSettings(changes);
    settings.set(next);
    applySettings(next, locale);
  }

  return { settings, update, restart: () => platform.restartApp() };
}
