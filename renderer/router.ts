import { createRouter, createWebHistory, type Router } from 'vue-router';
import HomePage from './pages/HomePage.vue';
import RoomPage from './pages/RoomPage.vue';
import SettingsPage from './pages/SettingsPage.vue';

export function createAppRouter(): Router {
  return createRouter({
    history: createWebHistory(),
    routes: [
      { path: '/', name: 'home', component: HomePage },
      { path: '/r/:roomId', name: 'room', component: RoomPage, props: true },
      { path: '/settings', name: 'settings', component: SettingsPage },
      { path: '/:pathMatch(.*)*', redirect: { name: 'home' } },
    ],
  });
}
