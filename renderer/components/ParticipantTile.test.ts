// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { describe, expect, it, vi } from 'vitest';
import type { App } from 'vue';
import { installCall } from '../composables/useCall';
import { createI18nForApp } from '../i18n';
import { createBrowserPlatform } from '../platform/browser-platform';
import ParticipantTile from './ParticipantTile.vue';

/** The call runtime with the web client's platform and media devices that do nothing. */
function callPlugin() {
  const platform = createBrowserPlatform(window.localStorage, window.location, 'test');

  const mediaDevices = {
    addEventListener: vi.fn(),
    getUserMedia: vi.fn(),
    enumerateDevices: vi.fn(async () => []),
  } as unknown as MediaDevices;
  return { install: (app: App) => void installCall(app, platform, mediaDevices) };
}

const remote = {
  peerId: 'p-alice',
  displayName: 'Alice Martin',
  videoConsumerId: null as string | null,
  audioConsumerId: null as string | null,
  audioMuted: false,
  speaking: false,
  isSelf: false,
};

function mountTile(props: Partial<typeof remote> = {}) {
  return mount(ParticipantTile, {
    props: { ...remote, ...props },
    global: { plugins: [createPinia(), createI18nForApp(), callPlugin()] },
  });
}

describe('ParticipantTile', () => {
  it('shows the initials and the name when there is no video', () => {
    const tile = mountTile();
    expect(tile.find('[data-testid="tile-video"]').exists()).toBe(false);
    expect(tile.get('[data-testid="tile-avatar"]').text()).toBe('AM');
    expect(tile.get('[data-testid="tile-name"]').text()).toBe('Alice Martin');
    expect(tile.get('[data-testid="tile"]').attributes('data-peer-id')).toBe('p-alice');
  });

  it('shows the muted indicator, with words for screen readers, only when muted', async () => {
    const tile = mountTile();
    expect(tile.find('[data-testid="muted-indicator"]').exists()).toBe(false);
    await tile.setProps({ audioMuted: true });
    const indicator = tile.get('[data-testid="muted-indicator"]');
    expect(indicator.get('.fr-sr-only').text()).toBe('micro coupé');
    expect(indicator.get('[aria-hidden="true"]').classes()).toContain('fr-icon-mic-off-line');
  });

  it('tells whether the participant is speaking, in an attribute and in words', async () => {
    const tile = mountTile();
    expect(tile.get('[data-testid="tile"]').attributes('data-speaking')).toBe('false');
    expect(tile.text()).not.toContain('en train de parler');
    await tile.setProps({ speaking: true });
    expect(tile.get('[data-testid="tile"]').attributes('data-speaking')).toBe('true');
    expect(tile.get('[data-testid="tile"]').classes()).toContain('tile--speaking');
    expect(tile.text()).toContain('en train de parler');
  });

  it('plays the sound of a remote participant, never our own', () => {
    expect(mountTile({ audioConsumerId: 'c-mic' }).find('[data-testid="tile-audio"]').exists()).toBe(true);
    const self = mountTile({ peerId: 'self', isSelf: true, audioConsumerId: 'c-mic' });
    expect(self.find('[data-testid="tile-audio"]').exists()).toBe(false);
    expect(self.text()).toContain('(vous)');
    expect(self.get('[data-testid="tile-name"]').text()).toBe('Alice Martin');
  });
});
