import type { BrowserWindow, HandlerDetails, Session, WebContents, WindowOpenHandlerResponse } from 'electron';
import { describe, it, expect } from 'vitest';
import type { TrustedOrigins } from './navigation-policy';
import { guardNavigation, installPermissionHandlers, type CompanionHooks } from './security-hooks';

const origins: TrustedOrigins = { appOrigin: 'app://webconf', serverOrigin: 'https://conf.example.fr' };

type RequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string },
) => void;
type CheckHandler = (contents: unknown, permission: string, requestingOrigin: string) => boolean;

function fakeSession() {
  const installed: { request?: RequestHandler; check?: CheckHandler } = {};
  const session = {
    setPermissionRequestHandler: (handler: RequestHandler) => {
      installed.request = handler;
    },
    setPermissionCheckHandler: (handler: CheckHandler) => {
      installed.check = handler;
    },
  } as unknown as Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;
  return { session, installed };
}

describe('installPermissionHandlers', () => {
  it.each([
    ['media', 'app://webconf/room/1', true],
    ['display-capture', 'https://conf.example.fr/', true],
    ['geolocation', 'app://webconf/', false],
    ['media', 'https://evil.example.com/', false],
  ])('request %s from %s → %s', (permission, requestingUrl, expected) => {
    const { session, installed } = fakeSession();
    installPermissionHandlers(session, origins, () => {});
    let answer: boolean | undefined;
    installed.request?.(null, permission, (granted) => (answer = granted), { requestingUrl });
    expect(answer).toBe(expected);
  });

  it.each([
    ['notifications', 'app://webconf', true],
    ['media', 'https://conf.example.fr', true],
    ['clipboard-read', 'app://webconf', false],
    ['media', '', false],
  ])('check %s from %s → %s', (permission, requestingOrigin, expected) => {
    const { session, installed } = fakeSession();
    installPermissionHandlers(session, origins, () => {});
    expect(installed.check?.(null, permission, requestingOrigin)).toBe(expected);
  });

  it('logs each denied permission and origin once', () => {
    const { session, installed } = fakeSession();
    const logged: string[] = [];
    installPermissionHandlers(session, origins, (message) => logged.push(message));
    installed.check?.(null, 'geolocation', 'app://webconf');
    installed.check?.(null, 'geolocation', 'app://webconf/');
    installed.request?.(null, 'geolocation', () => {}, { requestingUrl: 'app://webconf/room/1' });
    installed.check?.(null, 'media', 'app://webconf');
    installed.check?.(null, 'midi', 'app://webconf');
    expect(logged).toEqual([
      'permission denied: geolocation for app://webconf',
      'permission denied: midi for app://webconf',
    ]);
  });
});

type WillNavigate = (event: { url: string; preventDefault: () => void }) => void;
type DidCreateWindow = (window: BrowserWindow, details: { url: string; frameName: string }) => void;

function fakeContents(withCompanions = true) {
  const listeners: {
    willNavigate?: WillNavigate;
    didCreateWindow?: DidCreateWindow;
    windowOpen?: (d: HandlerDetails) => WindowOpenHandlerResponse;
  } = {};
  const contents = {
    on(event: string, listener: WillNavigate & DidCreateWindow) {
      if (event === 'will-navigate') listeners.willNavigate = listener;
      if (event === 'did-create-window') listeners.didCreateWindow = listener;
    },
    setWindowOpenHandler(handler: (d: HandlerDetails) => WindowOpenHandlerResponse) {
      listeners.windowOpen = handler;
    },
  } as unknown as Pick<WebContents, 'on' | 'setWindowOpenHandler'>;
  const opened: string[] = [];
  const logged: string[] = [];
  const companionsCreated: string[] = [];
  const companions: CompanionHooks = {
    options: (name) => ({ title: name, alwaysOnTop: true }),
    created: (_window, name) => void companionsCreated.push(name),
  };
  guardNavigation(
    contents,
    origins,
    async (url) => void opened.push(url),
    (m) => logged.push(m),
    withCompanions ? companions : null,
  );

  const navigate = (url: string): boolean => {
    let prevented = false;
    listeners.willNavigate?.({ url, preventDefault: () => (prevented = true) });
    return prevented;
  };
  const open = (url: string, frameName = '') =>
    listeners.windowOpen?.({
      url,
      frameName,
      features: '',
      disposition: 'new-window',
      referrer: { url: '', policy: 'default' },
    });
  const windowOpen = (url: string) => open(url)?.action;
  const created = (url: string, frameName: string) =>
    listeners.didCreateWindow?.({} as BrowserWindow, { url, frameName });
  return { navigate, windowOpen, open, created, companionsCreated, opened, logged };
}

describe('guardNavigation', () => {
  it.each([
    ['app://webconf/room/42', false, []],
    ['https://www.service-public.fr/', true, ['https://www.service-public.fr/']],
    ['https://conf.example.fr/room/42', true, ['https://conf.example.fr/room/42']],
    ['mailto:support@example.fr', true, ['mailto:support@example.fr']],
    ['file:///etc/passwd', true, []],
    ['javascript:alert(1)', true, []],
    ['app://webconf.evil/', true, []],
  ])('will-navigate to %s: prevented %s, opened outside %j', (url, prevented, opened) => {
    const guard = fakeContents();
    expect(guard.navigate(url)).toBe(prevented);
    expect(guard.opened).toEqual(opened);
  });

  it.each([
    ['app://webconf/help', 'allow', []],
    ['https://www.service-public.fr/', 'deny', ['https://www.service-public.fr/']],
    ['file:///C:/Windows/System32/calc.exe', 'deny', []],
    ['smb://attacker/share', 'deny', []],
  ])('window.open(%s) → %s, opened outside %j', (url, action, opened) => {
    const guard = fakeContents();
    expect(guard.windowOpen(url)).toBe(action);
    expect(guard.opened).toEqual(opened);
  });

  it('logs denied navigations', () => {
    const guard = fakeContents();
    guard.navigate('file:///etc/passwd');
    expect(guard.logged).toEqual(['navigation denied: file:///etc/passwd']);
  });

  it('opens the call companions as blank windows with their own options, and sets them up once created', () => {
    const guard = fakeContents();
    expect(guard.open('about:blank', 'webconf-mini')).toEqual({
      action: 'allow',
      overrideBrowserWindowOptions: { title: 'webconf-mini', alwaysOnTop: true },
    });
    guard.created('about:blank', 'webconf-mini');
    guard.created('app://webconf/help', '');
    expect(guard.companionsCreated).toEqual(['webconf-mini']);
  });

  it.each([
    ['about:blank', 'some-other-name', true],
    ['about:blank', 'webconf-mini', false],
  ])('denies blank window %s named %s where companions are not offered: %s', (url, frameName, withCompanions) => {
    const guard = fakeContents(withCompanions);
    expect(guard.open(url, frameName)?.action).toBe('deny');
    expect(guard.opened).toEqual([]);
  });
});
