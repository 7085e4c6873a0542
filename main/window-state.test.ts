import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import {
  WINDOW_STATE_FILE,
  fitBoundsToDisplays,
  loadWindowBounds,
  saveWindowBounds,
  type WindowBounds,
} from './window-state';

const laptop: WindowBounds = { x: 0, y: 0, width: 1440, height: 860 };
const monitorOnTheRight: WindowBounds = { x: 1440, y: 0, width: 1920, height: 1040 };
const defaults = { width: 1280, height: 800 };

describe('fitBoundsToDisplays', () => {
  it.each<[string, WindowBounds | null, WindowBounds[], boolean]>([
    ['nothing saved', null, [laptop], false],
    ['inside the laptop screen', { x: 100, y: 50, width: 1000, height: 700 }, [laptop], true],
    ['on the second monitor', { x: 2000, y: 100, width: 1200, height: 800 }, [laptop, monitorOnTheRight], true],
    ['on a monitor since unplugged', { x: 2000, y: 100, width: 1200, height: 800 }, [laptop], false],
    ['spanning both monitors', { x: 1000, y: 0, width: 1200, height: 800 }, [laptop, monitorOnTheRight], true],
    [
      'mostly off the left edge, title bar still grabbable',
      { x: -900, y: 0, width: 1000, height: 700 },
      [laptop],
      true,
    ],
    ['off the left edge', { x: -990, y: 0, width: 1000, height: 700 }, [laptop], false],
    ['title bar above the screen', { x: 100, y: -40, width: 1000, height: 700 }, [laptop], false],
    ['title bar below the screen', { x: 100, y: 850, width: 1000, height: 700 }, [laptop], false],
    ['far away', { x: 50000, y: 50000, width: 1000, height: 700 }, [laptop], false],
    ['tiny', { x: 100, y: 100, width: 120, height: 80 }, [laptop], false],
    ['zero height', { x: 100, y: 100, width: 1000, height: 0 }, [laptop], false],
    ['no display reported', { x: 100, y: 50, width: 1000, height: 700 }, [], false],
  ])('%s → saved bounds kept: %s', (_case, saved, workAreas, kept) => {
    const placement = fitBoundsToDisplays(saved, workAreas, defaults);
    expect(placement).toEqual(kept ? saved : defaults);
  });
});

describe('loadWindowBounds / saveWindowBounds', () => {
  let userData: string;
  const file = (): string => path.join(userData, WINDOW_STATE_FILE);
  beforeEach(() => {
    userData = mkdtempSync(path.join(tmpdir(), 'webconf-window-'));
  });
  afterEach(() => {
    rmSync(userData, { recursive: true, force: true });
  });

  it('round-trips bounds', () => {
    const bounds = { x: 10, y: 20, width: 1000, height: 700 };
    saveWindowBounds(userData, bounds, () => {});
    expect(loadWindowBounds(userData)).toEqual(bounds);
  });

  it('returns null when nothing was saved', () => {
    expect(loadWindowBounds(userData)).toBeNull();
  });

  it.each([
    ['truncated JSON', '{"x": 10, "y":'],
    ['not an object', '[1, 2, 3]'],
    ['a missing field', '{"x": 10, "y": 20, "width": 1000}'],
    ['a string where a number goes', '{"x": "10", "y": 20, "width": 1000, "height": 700}'],
    ['a fractional size', '{"x": 10, "y": 20, "width": 1000.5, "height": 700}'],
    ['a negative size', '{"x": 10, "y": 20, "width": -1000, "height": 700}'],
    ['binary garbage', '\u0000\u0001\u0002'],
  ])('returns null for %s', (_case, content) => {
    writeFileSync(file(), content);
    expect(loadWindowBounds(userData)).toBeNull();
  });

  it('logs instead of throwing when the bounds cannot be saved', () => {
    const logged: string[] = [];
    const notAFolder = path.join(userData, 'file');
    writeFileSync(notAFolder, '');
    saveWindowBounds(notAFolder, { x: 0, y: 0, width: 800, height: 600 }, (m) => logged.push(m));
    expect(logged).toHaveLength(1);
  });

  it('writes plain JSON', () => {
    saveWindowBounds(userData, { x: 1, y: 2, width: 800, height: 600 }, () => {});
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toEqual({ x: 1, y: 2, width: 800, height: 600 });
  });
});
