import '@gouvfr/dsfr/dist/dsfr.main.min.css';
import './icons.css';
import './styles.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { installCall } from './composables/useCall';
import { createI18nForApp } from './i18n';
import { createPlatform } from './platform';
import { createAppRouter } from './router';
import { useCallStore } from './stores/call';
import { useSettingsStore } from './stores/settings';

async function start(): Promise<void> {
  const platform = createPlatform();
  // The settings decide the language of the very first page, so they are read before it shows.
  const [settings, appInfo] = await Promise.all([
    platform.getSettings().catch((error: unknown) => {
      console.warn('webconf: cannot read the settings, using the defaults', error);
      return null;
    }),
    platform.getAppInfo().catch(() => null),
  ]);
  const app = createApp(App);
  const pinia = createPinia();
  app.use(pinia);
  app.use(createI18nForApp(settings?.values.language));
  app.use(createAppRouter());
  if (appInfo) useSettingsStore(pinia).host = appInfo.host;
  if (settings) {
    useSettingsStore(pinia).set(settings);
    useCallStore(pinia).microphoneMuted = settings.values.startMuted;
  }
  installCall(app, platform, navigator.mediaDevices);
  app.mount('#app');
}

void start();
