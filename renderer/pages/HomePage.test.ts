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

const session = { canCreateRooms: true };
const createRoom = vi.fn(async (title: string) =>
  title === 'Boom' ? Promise.reject(new Error('quota')) : 'abcdefghijklmnopqrstuvwxyz',
);
vi.mock('../composables/useCall', () => ({
  useCall: () => ({ createRoom, rooms: Promise.resolve({ session: async () => session }) }),
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
    expect(wrapper.get('#room-input-error').text()).toBe('Collez le lien de la réunion.');
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
    expect(wrapper.get('#room-input-error').text()).toContain('n’est pas un lien de réunion valide');
    expect(router.currentRoute.value.name).toBe('home');
  });

  it('goes to the room of a typed id, whatever its case', async () => {
    const { wrapper, router } = await mountHome();
    await submit(wrapper, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    expect(router.currentRoute.value.name).toBe('room');
    expect(router.currentRoute.value.params.roomId).toBe('abcdefghijklmnopqrstuvwxyz');
    expect(wrapper.find('#room-input-error').exists()).toBe(false);
  });

  it('goes to the room of a link of this server', async () => {
    const { wrapper, router } = await mountHome();
    await submit(wrapper, `${SERVER}/r/point-hebdo`);
    expect(router.currentRoute.value.fullPath).toBe('/r/point-hebdo');
  });

  it('creates a meeting with a title and opens it', async () => {
    const { wrapper, router } = await mountHome();
    await flushPromises();
    await wrapper.get('[data-testid="home-create"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="create-error"]').text()).toBe('Donnez un titre à la réunion.');
    await wrapper.get('[data-testid="create-title"]').setValue('Point hebdo');
    await (wrapper.get('[data-testid="create-title"]').element as HTMLInputElement).form!.requestSubmit();
    await flushPromises();
    expect(createRoom).toHaveBeenLastCalledWith('Point hebdo');
    expect(router.currentRoute.value.fullPath).toBe('/r/abcdefghijklmnopqrstuvwxyz');
  });

  it('says why creation failed, and stays', async () => {
    const { wrapper, router } = await mountHome();
    await flushPromises();
    await wrapper.get('[data-testid="create-title"]').setValue('Boom');
    await (wrapper.get('[data-testid="create-title"]').element as HTMLInputElement).form!.requestSubmit();
    await flushPromises();
    expect(wrapper.get('[data-testid="create-error"]').text()).toContain('quota');
    expect(router.currentRoute.value.name).toBe('home');
  });

  it('tells guests why they cannot create a meeting', async () => {
    session.canCreateRooms = false;
    const { wrapper } = await mountHome();
    await flushPromises();
    expect(wrapper.get('[data-testid="create-refused"]').text()).toContain('agents de l’État');
    expect(wrapper.find('[data-testid="home-create"]').exists()).toBe(false);
    session.canCreateRooms = true;
  });
});
