import { describe, expect, it } from 'vitest';
import { DisplaySleepGuard } from './display-sleep';

function fakeBlocker() {
  const started = new Set<number>();
  let next = 1;
  const calls: string[] = [];
  return {
    calls,
    blocker: {
      start: (type: 'prevent-app-suspension' | 'prevent-display-sleep') => {
        calls.push(`start ${type}`);
        started.add(next);
        return next++;
      },
      stop: (id: number) => {
        calls.push(`stop ${id}`);
        return started.delete(id);
      },
      isStarted: (id: number) => started.has(id),
    },
  };
}

describe('DisplaySleepGuard', () => {
  it('keeps the display awake once per call and lets it sleep after', () => {
    const { blocker, calls } = fakeBlocker();
    const guard = new DisplaySleepGuard(blocker);
    guard.setCallActive(true);
    guard.setCallActive(true); // a second signal of the same call changes nothing
    guard.setCallActive(false);
    guard.setCallActive(false);
    expect(calls).toEqual(['start prevent-display-sleep', 'stop 1']);
  });

  it('starts again for the next call', () => {
    const { blocker, calls } = fakeBlocker();
    const guard = new DisplaySleepGuard(blocker);
    guard.setCallActive(true);
    guard.setCallActive(false);
    guard.setCallActive(true);
    expect(calls).toEqual(['start prevent-display-sleep', 'stop 1', 'start prevent-display-sleep']);
  });
});
