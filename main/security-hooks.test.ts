import type { HandlerDetails, Session, WebContents, WindowOpenHandlerResponse } from 'electron';
import { describe, it, expect } from 'vitest';
import type { TrustedOrigins } from './navigation-policy';
import { guardNavigation, installPermissionHandlers } from './security-hooks';

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

function fakeContents() {
  const listeners: { willNavigate?: WillNavigate; windowOpen?: (d: HandlerDetails) => WindowOpenHandlerResponse } = {};
  const contents = {
    on(event: string, listener: WillNavigate) {
      if (event === 'will-navigate') listeners.willNavigate = listener;
    },
    setWindowOpenHandler(handler: (d: HandlerDetails) => WindowOpenHandlerResponse) {
      listeners.windowOpen = handler;
    },
  } as unknown as Pick<WebContents, 'on' | 'setWindowOpenHandler'>;
  const opened: string[] = [];
  const logged: string[] = [];
  guardNavigation(
    contents,
    origins,
    async (url) => void opened.push(url),
    (m) => logged.push(m),
  );

  const navigate = (url: string): boolean => {
    let prevented = false;
    listeners.willNavigate?.({ url, preventDefault: () => (prevented = true) });
    return prevented;
  };
  const windowOpen = (url: string) =>
    listeners.windowOpen?.({
      url,
      frameName: '',
      features: '',
      disposition: 'new-window',
      referrer: { url: '', policy: 'default' },
    }).action;
  return { navigate, windowOpen, opened, logged };
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
});
