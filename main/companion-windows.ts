/**
 * The call's small always-on-top windows: the mini window (active speaker, mute, leave) while the
 * app is in the background, and the "you are sharing — stop" bar. The renderer opens them with
 * window.open('about:blank', <name>) and draws into them itself (same origin, same process), so
 * they show its live video without a second connection. Here: which opens are companions, and how
 * their windows look and behave.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, Rectangle } from 'electron';

export const COMPANION_WINDOWS = {
  'webconf-mini': { width: 320, height: 232, resizable: true },
  'webconf-sharing': { width: 460, height: 64, resizable: false },
} as const;

export type CompanionName = keyof typeof COMPANION_WINDOWS;

const MARGIN = 16;

/** The companion a window.open asks for, or null: only about:blank under one of our names. */
export function companionFor(details: { url: string; frameName: string }): CompanionName | null {
  if (details.url !== 'about:blank') return null;
  return Object.hasOwn(COMPANION_WINDOWS, details.frameName) ? (details.frameName as CompanionName) : null;
}

/** The mini window sits in the bottom-right corner, the sharing bar at the top centre. */
export function placeCompanion(name: CompanionName, workArea: Rectangle): Rectangle {
  const { width, height } = COMPANION_WINDOWS[name];
  const x =
    name === 'webconf-mini'
      ? workArea.x + workArea.width - width - MARGIN
      : workArea.x + Math.round((workArea.width - width) / 2);
  const y = name === 'webconf-mini' ? workArea.y + workArea.height - height - MARGIN : workArea.y + MARGIN / 2;
  return { x: Math.max(workArea.x, x), y: Math.max(workArea.y, y), width, height };
}

export function companionWindowOptions(name: CompanionName, workArea: Rectangle): BrowserWindowConstructorOptions {
  const { resizable } = COMPANION_WINDOWS[name];
  return {
    ...placeCompanion(name, workArea),
    // Shown without focus (setUpCompanion): it appears when the user went to another program,
    // and must not take the keyboard from it.
    show: false,
    frame: false,
    resizable,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    title: name === 'webconf-mini' ? 'Webconf' : 'Webconf — partage',
    backgroundColor: '#161616',
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false },
  };
}

export type CompanionWindow = Pick<
  BrowserWindow,
  'setAlwaysOnTop' | 'setContentProtection' | 'setVisibleOnAllWorkspaces' | 'showInactive'
>;

/**
 * Above other programs (also full-screen ones), on every desktop, and left out of screen captures
 * (Windows 10 2004+ and macOS; Linux has no such flag), so sharing the whole screen does not
 * show the bar or the other participants' faces.
 */
export function setUpCompanion(window: CompanionWindow): void {
  window.setAlwaysOnTop(true, 'screen-saver');
  window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
  window.setContentProtection(true);
  window.showInactive();
}
