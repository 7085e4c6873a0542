import { describe, expect, it } from 'vitest';
import { createMeetingNotifier, shouldNotify } from './meeting-notifications';

describe('shouldNotify', () => {
  it.each([
    [false, true, true],
    [true, true, false],
    [false, false, false],
  ])('focused %s, supported %s → %s', (focused, supported, expected) => {
    expect(shouldNotify(focused, supported)).toBe(expected);
  });
});

describe('createMeetingNotifier', () => {
  it('shows background notices, shortened; stays quiet when the window has the focus', () => {
    const shown: Array<{ title: string; body: string }> = [];
    let focused = false;
    const notify = createMeetingNotifier({
      isWindowFocused: () => focused,
      isSupported: () => true,
      show: (n) => shown.push(n),
    });
    expect(notify({ kind: 'chat', title: 'Bruno', body: 'x'.repeat(500) })).toBe(true);
    focused = true;
    expect(notify({ kind: 'lobby', title: 'Salle d’attente', body: 'Gaston attend' })).toBe(false);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.body).toHaveLength(200);
    expect(shown[0]!.body.endsWith('…')).toBe(true);
  });
});
