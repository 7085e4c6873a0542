// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, ref } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { createI18nForApp } from '../i18n';
import HomePage from './HomePage.vue';

const SERVER = 'https://webconf.example.gouv.fr';
vi.mock('../composables/useServerOrigin', () => ({
  useServerOrigin: () => ({ origin: ref(SERVER), ready: async () => SERVER }),
}));

const Room = defineComponent({
  props: { roomId: { type: String, required: true } },
  template: '<h1>{{ roomId }}</h1>',
});

async function mountHome() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: HomePage },
      { path: '/r/:roomId', name: 'room', component: Room, props: true },
    ],
  });
  await router.push('/');
  await router.isReady();
  const wrapper = mount(HomePage, { global: { plugins: [router, createI18nForApp()] }, attachTo: document.body });
  return { wrapper, router };
}

async function submit(wrapper: Awaited<ReturnType<typeof mountHome>>['wrapper'], text: string) {
  await wrapper.get('[data-testid="room-input"]').setValue(text);
  await wrapper.get('form').trigger('submit');
  await flushPromises();
}

beforeEach(() => {
  document.body.innerHTML = '';
  window.localStorage.clear();
});

describe('HomePage', () => {
  it('explains an empty input under the field and gives the focus back to it', async () => {
    const { wrapper, router } = await mountHome();
    await submit(wrapper, '   ');
    const input = wrapper.get('[data-testid="room-input"]');
    expect(wrapper.get('#room-input-error').text()).toBe('Saisissez le lien ou le nom de la réunion.');
    expect(input.attributes('aria-invalid')).toBe('true');
    expect(input.attributes('aria-describedby')).toBe('room-input-error');
    expect(wrapper.get('.fr-input-group').classes()).toContain('fr-input-group--error');
    expect(document.activeElement).toBe(input.element);
    expect(router.currentRoute.value.name).toBe('home');
  });

  it('refuses a link of another server and an impossible name', async () => {
    const { wrapper, router } = await mountHome();
    await submit(wrapper, 'https://ailleurs.example.org/r/abc');
    expect(wrapper.get('#room-input-error').text()).toContain('autre service');
    await submit(wrapper, '!!!');
    expect(wrapper.get('#room-input-error').text()).toContain('n’est pas valide');
    expect(router.currentRoute.value.name).toBe('home');
  });

  it('goes to the room of a typed name', async () => {
    const { wrapper, router } = await mountHome();
    await submit(wrapper, "Réunion d'équipe");
    expect(router.currentRoute.value.name).toBe('room');
    expect(router.currentRoute.value.params.roomId).toBe('reunion-d-equipe');
    expect(wrapper.find('#room-input-error').exists()).toBe(false);
  });

  it('goes to the room of a link of this server', async () => {
    const { wrapper, router } = await mountHome();
    await submit(wrapper, `${SERVER}/r/point-hebdo`);
    expect(router.currentRoute.value.fullPath).toBe('/r/point-hebdo');
  });

  it('creates a meeting with a name hard to guess', async () => {
    const { wrapper, router } = await mountHome();
    await wrapper.get('[data-testid="home-create"]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.params.roomId).toMatch(/^[a-z]{4}-[a-z]{4}-[a-z]{4}$/);
  });
});
