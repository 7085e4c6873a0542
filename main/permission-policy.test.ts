import { describe, it, expect } from 'vitest';
import { decidePermission } from './permission-policy';

const appOrigin = 'app://webconf';
const serverOrigin = 'https://conf.example.fr';

describe('decidePermission', () => {
  it.each([
    // Conference permissions from our two origins, in every form Electron hands them over.
    ['media', 'app://webconf', true],
    ['media', 'app://webconf/room/42', true],
    ['display-capture', 'app://webconf/', true],
    ['fullscreen', 'app://webconf/', true],
    ['notifications', 'app://webconf/', true],
    ['media', 'https://conf.example.fr', true],
    ['media', 'https://conf.example.fr/', true],
    ['display-capture', 'https://conf.example.fr/room/42', true],
    ['notifications', 'https://conf.example.fr', true],
    ['clipboard-sanitized-write', 'app://webconf/', true],
    // The same permissions from anywhere else.
    ['media', 'https://evil.example.com', false],
    ['media', 'https://conf.example.fr.evil.com', false],
    ['media', 'http://conf.example.fr', false],
    ['clipboard-sanitized-write', 'https://evil.example.com', false],
    ['media', 'https://conf.example.fr:8443', false],
    ['display-capture', 'app://webconf.evil/', false],
    ['media', 'file:///home/user/page.html', false],
    ['media', 'data:text/html,hi', false],
    ['media', 'null', false],
    ['media', '', false],
    // Other permissions, even from our own origin.
    ['geolocation', 'app://webconf/', false],
    ['midi', 'app://webconf/', false],
    ['midiSysex', 'app://webconf/', false],
    ['openExternal', 'app://webconf/', false],
    ['clipboard-read', 'app://webconf/', false],
    ['hid', 'https://conf.example.fr', false],
    ['usb', 'https://conf.example.fr', false],
    ['serial', 'app://webconf/', false],
    ['pointerLock', 'app://webconf/', false],
    ['unknown', 'app://webconf/', false],
  ])('%s from %s → %s', (permission, requestingOrigin, expected) => {
    expect(decidePermission({ permission, requestingOrigin, appOrigin, serverOrigin })).toBe(expected);
  });

  it('denies everything when no server origin is configured', () => {
    const query = { permission: 'media', requestingOrigin: 'null', appOrigin, serverOrigin: '' };
    expect(decidePermission(query)).toBe(false);
  });
});
