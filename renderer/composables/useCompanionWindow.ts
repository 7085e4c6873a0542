/**
 * The call's small windows of its own (the mini window, the sharing bar). This page opens them on
 * about:blank under a name the desktop host recognises (main/companion-windows.ts: always on top,
 * left out of screen captures) and draws into them through a Teleport: same origin, same process,
 * so they show the call's live video and share its state without a second connection.
 */
import { onScopeDispose, shallowRef, watch, type ShallowRef } from 'vue';

export type CompanionName = 'webconf-mini' | 'webconf-sharing';

const SIZES: Record<CompanionName, { width: number; height: number }> = {
  'webconf-mini': { width: 320, height: 232 },
  'webconf-sharing': { width: 460, height: 64 },
};

/** Copies the page's styles, so what is teleported looks the same in the new window. */
function prepare(child: Window, title: string): HTMLElement {
  const doc = child.document;
  doc.title = title;
  doc.documentElement.lang = document.documentElement.lang;
  for (const style of document.querySelectorAll('link[rel="stylesheet"], style')) {
    doc.head.append(doc.importNode(style, true));
  }
  doc.body.className = 'companion';
  const root = doc.createElement('div');
  root.className = 'companion__root';
  doc.body.append(root);
  return root;
}

/**
 * Opens the named window while `wanted()` holds and closes it when it stops holding (or when the
 * component goes). Closed by the user, it stays closed until `wanted()` becomes true again.
 * `target` is where to teleport its content, null while closed (or refused: a browser's popup
 * blocker, which is why only the desktop app asks for these).
 */
export function useCompanionWindow(
  name: CompanionName,
  wanted: () => boolean,
  title: () => string,
): { target: Readonly<ShallowRef<HTMLElement | null>> } {
  const target = shallowRef<HTMLElement | null>(null);
  let child: Window | null = null;

  function open(): void {
    const { width, height } = SIZES[name];
    const opened = window.open('about:blank', name, `popup,width=${width},height=${height}`);
    if (!opened) return;
    child = opened;
    target.value = prepare(opened, title());
    opened.addEventListener('pagehide', () => {
      if (child !== opened) return;
      child = null;
      target.value = null;
    });
  }

  function close(): void {
    const closing = child;
    child = null;
    target.value = null;
    closing?.close();
  }

  watch(wanted, (yes) => (yes ? open() : close()), { immediate: true });
  watch(title, (text) => {
    if (child) child.document.title = text;
  });
  // Leaving the page (or the call view) must not leave an orphan window on top of everything.
  window.addEventListener('pagehide', close);
  onScopeDispose(() => {
    window.removeEventListener('pagehide', close);
    close();
  });
  return { target };
}

/**
 * Whether the app is in the background: its window lost focus or is minimised (hidden). Blur and
 * focus events say the first, visibilitychange the second.
 */
export function useAppInBackground(): Readonly<ShallowRef<boolean>> {
  const background = shallowRef(document.visibilityState === 'hidden');
  const onBlur = () => (background.value = true);
  const onFocus = () => (background.value = false);
  const onVisibility = () => (background.value = document.visibilityState === 'hidden' || background.value);
  window.addEventListener('blur', onBlur);
  window.addEventListener('focus', onFocus);
  document.addEventListener('visibilitychange', onVisibility);
  onScopeDispose(() => {
    window.removeEventListener('blur', onBlur);
    window.removeEventListener('focus', onFocus);
    document.removeEventListener('visibilitychange', onVisibility);
  });
  return background;
}

export interface CompanionInputs {
  desktop: boolean;
  inCall: boolean;
  miniWindowSetting: boolean;
  appInBackground: boolean;
  sharingScreen: boolean;
}

/** The mini window: a desktop call, the setting on, the app in the background. */
export function miniWindowWanted(inputs: CompanionInputs): boolean {
  return inputs.desktop && inputs.inCall && inputs.miniWindowSetting && inputs.appInBackground;
}

/** The sharing bar: whenever the desktop app shares (a browser shows its own bar). */
export function sharingBarWanted(inputs: CompanionInputs): boolean {
  return inputs.desktop && inputs.inCall && inputs.sharingScreen;
}
