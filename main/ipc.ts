import type { IpcMain, WebFrameMain } from 'electron';
import { desktopChannels, type DesktopApi, type DesktopMethod } from '../common/desktop-api';
import { isAppUrl } from './navigation-policy';

export type SenderCheck = (frame: Pick<WebFrameMain, 'url'> | null) => boolean;

/** Only our own pages may call the desktop API; the frame is null once it has navigated away. */
export const isAppFrame: SenderCheck = (frame) => frame !== null && isAppUrl(frame.url);

/**
 * Registers one ipcMain.handle per DesktopApi method and returns the function that removes them.
 * Every call first checks the frame that sent it, so a foreign page or subframe that somehow got
 * the bridge cannot use it.
 */
export function registerDesktopApi(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: DesktopApi,
  isTrustedSender: SenderCheck,
): () => void {
  const methods = Object.keys(desktopChannels) as DesktopMethod[];
  for (const method of methods) {
    ipcMain.handle(desktopChannels[method], (event, ...args: unknown[]) => {
      if (!isTrustedSender(event.senderFrame)) throw new Error('untrusted sender');
      // The handlers validate their arguments at runtime, so forwarding them untyped is safe.
      const handler = handlers[method] as (...untrusted: unknown[]) => Promise<unknown>;
      return handler.apply(handlers, args);
    });
  }
  return () => {
    for (const method of methods) ipcMain.removeHandler(desktopChannels[method]);
  };
}
