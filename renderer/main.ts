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

const app = createApp(App);
app.use(createPinia());
app.use(createI18nForApp());
app.use(createAppRouter());
installCall(app, createPlatform(), navigator.mediaDevices);
app.mount('#app');
