import type { DesktopCapturerSource } from 'electron';
import { describe, expect, it } from 'vitest';
import { answerDisplayRequest, CapturePicks, captureMode, pickerSources, PICK_VALID_MS } from './display-capture';

const image = (url: string, empty = false) => ({ toDataURL: () => url, isEmpty: () => empty });
const source = (id: string, name: string, icon: string | null = null) =>
  ({
    id,
    name,
    thumbnail: image(`thumb:${id}`),
    appIcon: icon ? image(icon) : null,
    display_id: '',
  }) as unknown as DesktopCapturerSource;

const sources = [
  source('window:42:0', 'Webconf'), // our own window
  source('window:7:0', 'Tableur — budget.ods', 'icon:calc'),
  source('screen:1:0', 'Écran 2'),
  source('window:9:0', '   '),
  source('window:8:0', 'Navigateur', 'icon:web'),
  source('screen:0:0', 'Écran 1'),
];

describe('pickerSources', () => {
  it('lists screens then windows by name, without our own windows or nameless ones', () => {
    const listed = pickerSources(sources, new Set(['window:42:0']));
    expect(listed.map((s) => [s.kind, s.name])).toEqual([
      ['screen', 'Écran 1'],
      ['screen', 'Écran 2'],
      ['window', 'Navigateur'],
      ['window', 'Tableur — budget.ods'],
    ]);
    expect(listed[2]).toEqual({
      id: 'window:8:0',
      name: 'Navigateur',
      kind: 'window',
      thumbnail: 'thumb:window:8:0',
      appIcon: 'icon:web',
    });
    expect(listed[0]!.appIcon).toBeNull();
  });
});

describe('CapturePicks and answerDisplayRequest', () => {
  it('answers one request with the pick, once, while it is fresh', () => {
    let now = 1000;
    const picks = new CapturePicks(() => now);
    picks.remember('window:7:0', false);
    expect(answerDisplayRequest(picks.take(), sources, 'linux')?.video.id).toBe('window:7:0');
    expect(answerDisplayRequest(picks.take(), sources, 'linux')).toBeNull(); // used
    picks.remember('screen:0:0', false);
    now += PICK_VALID_MS + 1;
    expect(answerDisplayRequest(picks.take(), sources, 'linux')).toBeNull(); // too old
  });

  it.each([
    ['win32', true, 'loopback'],
    ['win32', false, undefined],
    ['darwin', true, undefined],
    ['linux', true, undefined],
  ])('system audio on %s when asked %s → %s', (platform, withAudio, audio) => {
    const picks = new CapturePicks();
    picks.remember('screen:0:0', withAudio);
    expect(answerDisplayRequest(picks.take(), sources, platform)?.audio).toBe(audio);
  });

  it('denies a pick whose source has gone', () => {
    const picks = new CapturePicks();
    picks.remember('window:99:0', false);
    expect(answerDisplayRequest(picks.take(), sources, 'linux')).toBeNull();
  });
});

describe('captureMode', () => {
  it.each<[NodeJS.Platform, Record<string, string>, string, string]>([
    ['win32', {}, '10.0.22631', 'own-picker'],
    ['linux', { XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' }, '6.1.0', 'own-picker'],
    ['linux', { XDG_SESSION_TYPE: 'wayland' }, '6.1.0', 'system-picker'],
    ['linux', { WAYLAND_DISPLAY: 'wayland-0' }, '6.1.0', 'system-picker'],
    ['linux', { WAYLAND_DISPLAY: '' }, '6.1.0', 'own-picker'],
    ['darwin', {}, '23.6.0', 'own-picker'], // macOS 14
    ['darwin', {}, '24.1.0', 'system-picker'], // macOS 15
    ['darwin', {}, 'garbage', 'own-picker'],
  ])('%s %j release %s → %s', (platform, environment, release, expected) => {
    expect(captureMode(platform, environment, release)).toBe(expected);
  });

  it("answers with the system picker's choice, without a pick of ours, and denies when it was cancelled", () => {
    expect(answerDisplayRequest(null, [source('screen:0:0', 'Écran')], 'linux', 'system-picker')?.video.id).toBe(
      'screen:0:0',
    );
    expect(answerDisplayRequest(null, [], 'linux', 'system-picker')).toBeNull();
  });
});
