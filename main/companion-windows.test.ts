import { describe, expect, it } from 'vitest';
import {
  companionFor,
  companionWindowOptions,
  placeCompanion,
  setUpCompanion,
  type CompanionWindow,
} from './companion-windows';

const workArea = { x: 0, y: 0, width: 1920, height: 1040 };

describe('companionFor', () => {
  it.each([
    ['about:blank', 'webconf-mini', 'webconf-mini'],
    ['about:blank', 'webconf-sharing', 'webconf-sharing'],
    ['about:blank', '', null],
    ['about:blank', 'toString', null],
    ['about:blank', '__proto__', null],
    ['about:blank#x', 'webconf-mini', null],
    ['about:srcdoc', 'webconf-mini', null],
    ['app://webconf/', 'webconf-mini', null],
    ['https://evil.example/', 'webconf-sharing', null],
  ])('%s named %s → %s', (url, frameName, expected) => expect(companionFor({ url, frameName })).toBe(expected));
});

describe('placeCompanion', () => {
  it('puts the mini window in the bottom-right corner of the work area', () => {
    expect(placeCompanion('webconf-mini', workArea)).toEqual({ x: 1584, y: 792, width: 320, height: 232 });
  });

  it('puts the sharing bar at the top centre, on a secondary display too', () => {
    expect(placeCompanion('webconf-sharing', { x: -1280, y: 200, width: 1280, height: 1024 })).toEqual({
      x: -1280 + 410,
      y: 208,
      width: 460,
      height: 64,
    });
  });

  it('stays inside a work area smaller than the window', () => {
    const tiny = { x: 100, y: 100, width: 200, height: 100 };
    const bounds = placeCompanion('webconf-mini', tiny);
    expect(bounds.x).toBe(100);
    expect(bounds.y).toBe(100);
  });
});

describe('companionWindowOptions', () => {
  it('makes a frameless, hidden-until-placed, isolated window without DevTools', () => {
    const options = companionWindowOptions('webconf-sharing', workArea);
    expect(options).toMatchObject({
      show: false,
      frame: false,
      alwaysOnTop: true,
      skipTaskbar: true,
      resizable: false,
    });
    expect(options.webPreferences).toEqual({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      devTools: false,
    });
    expect(companionWindowOptions('webconf-mini', workArea).resizable).toBe(true);
  });
});

describe('setUpCompanion', () => {
  it('keeps it on top, out of captures, and shows it without taking focus', () => {
    const calls: string[] = [];
    const window: CompanionWindow = {
      setAlwaysOnTop: (flag, level) => void calls.push(`top ${flag} ${level}`),
      setVisibleOnAllWorkspaces: (flag) => void calls.push(`workspaces ${flag}`),
      setContentProtection: (flag) => void calls.push(`protected ${flag}`),
      showInactive: () => void calls.push('show inactive'),
    };
    setUpCompanion(window);
    expect(calls).toEqual(['top true screen-saver', 'workspaces true', 'protected true', 'show inactive']);
  });
});
