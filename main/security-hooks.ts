import type { BrowserWindow, BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { originOf } from './app-origin';
import { companionFor, type CompanionName } from './companion-windows';
import { decideNavigation, type TrustedOrigins } from './navigation-policy';
import { decidePermission } from './permission-policy';

type Log = (message: string) => void;

/**
 * Hooks the permission policy into a session. Both handlers are needed: the request handler
 * answers prompts (getUserMedia…), the check handler answers synchronous queries
 * (permissions.query, enumerateDevices labels) that would otherwise default to granted.
 */
export function installPermissionHandlers(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
  origins: TrustedOrigins,
  log: Log,
): void {
  const reported = new Set<string>();
  const isGranted = (permission: string, requestingOrigin: string): boolean => {
    const granted = decidePermission({ permission, requestingOrigin, ...origins });
    const key = `${permission} for ${originOf(requestingOrigin) ?? (requestingOrigin || '(no origin)')}`;
    // Chromium repeats checks often; one line per permission and origin is enough to audit.
    if (!granted && !reported.has(key)) {
      reported.add(key);
      log(`permission denied: ${key}`);
    }
    return granted;
  };
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isGranted(permission, details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isGranted(permission, requestingOrigin),
  );
}

/** How the call's companion windows (see companion-windows.ts) are made and set up. */
export interface CompanionHooks {
  options(name: CompanionName): BrowserWindowConstructorOptions;
  created(window: BrowserWindow, name: CompanionName): void;
}

/**
 * Keeps a page on our origin: other navigations and window.open calls are cancelled, and links
 * the policy deems safe open in the system browser instead. The call's companion windows are the
 * one kind of blank window a page may open.
 */
export function guardNavigation(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  origins: TrustedOrigins,
  openExternal: (url: string) => Promise<void>,
  log: Log,
  companions: CompanionHooks | null = null,
): void {
  /** Whether the page may go to `url`; if not, opens it outside when the policy allows. */
  const mayNavigate = (url: string): boolean => {
    const decision = decideNavigation(url, origins);
    if (decision === 'open-external') {
      // Chromium hands us canonical URLs, so the string the policy parsed is what the OS gets.
      openExternal(url).catch((error: unknown) => log(`cannot open ${url}: ${String(error)}`));
    } else if (decision === 'deny') {
      log(`navigation denied: ${url}`);
    }
    return decision === 'allow';
  };
  contents.on('will-navigate', (event) => {
    if (!mayNavigate(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler((details) => {
    const companion = companions && companionFor(details);
    if (companion) return { action: 'allow', overrideBrowserWindowOptions: companions.options(companion) };
    return { action: mayNavigate(details.url) ? 'allow' : 'deny' };
  });
  if (companions) {
    contents.on('did-create-window', (window, details) => {
      const companion = companionFor(details);
      if (companion) companions.created(window, companion);
    });
  }
}
