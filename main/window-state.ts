import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomicSync } from './atomic-file';

export interface WindowSize {
  width: number;
  height: number;
}

export interface WindowBounds extends WindowSize {
  x: number;
  y: number;
}

/** Bounds for a new window; without x/y Electron centres it on the primary display. */
export type WindowPlacement = WindowSize & Partial<Pick<WindowBounds, 'x' | 'y'>>;

export const WINDOW_STATE_FILE = 'window-state.json';
export const MIN_WINDOW_SIZE: WindowSize = { width: 480, height: 360 };
/** How much of the top edge must lie on a display so the title bar can still be grabbed. */
const MIN_VISIBLE_TITLE_BAR: WindowSize = { width: 100, height: 32 };

const boundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

function titleBarVisibleOn(bounds: WindowBounds, area: WindowBounds): boolean {
  const overlap = Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x);
  const topInside = bounds.y >= area.y && bounds.y <= area.y + area.height - MIN_VISIBLE_TITLE_BAR.height;
  return overlap >= MIN_VISIBLE_TITLE_BAR.width && topInside;
}

/**
 * The saved bounds if the window would still be usable on the current displays (one may have been
 * unplugged since it was saved), otherwise the default size.
 */
export function fitBoundsToDisplays(
  saved: WindowBounds | null,
  displayWorkAreas: readonly WindowBounds[],
  defaults: WindowSize,
): WindowPlacement {
  const usable =
    saved !== null &&
    saved.width >= MIN_WINDOW_SIZE.width &&
    saved.height >= MIN_WINDOW_SIZE.height &&
    displayWorkAreas.some((area) => titleBarVisibleOn(saved, area));
  return usable ? { ...saved } : { ...defaults };
}

/** The saved bounds, or null when there are none or the file is unreadable or corrupt. */
export function loadWindowBounds(userDataDir: string): WindowBounds | null {
  try {
    const json: unknown = JSON.parse(readFileSync(path.join(userDataDir, WINDOW_STATE_FILE), 'utf8'));
    const parsed = boundsSchema.safeParse(json);
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // missing or unparsable: the window opens at its default size
  }
}

/** Best effort: failing to remember the window's place must never stop the app from closing. */
export function saveWindowBounds(userDataDir: string, bounds: WindowBounds, log: (message: string) => void): void {
  try {
    writeFileAtomicSync(path.join(userDataDir, WINDOW_STATE_FILE), JSON.stringify(bounds));
  } catch (error) {
    log(`window state: cannot save bounds: ${String(error)}`);
  }
}
