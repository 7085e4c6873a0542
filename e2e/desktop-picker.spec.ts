/**
 * The desktop app's own screen and window picker, in Chromium: the page gets a desktop API (as the
 * preload would expose it) whose sources are fake. Choosing a window with the keyboard shares it;
 * cancelling shares nothing.
 */
import { expect, test } from '@playwright/test';
import { DESKTOP_API_GLOBAL } from '../common/desktop-api';
import { Participant } from './support/participant';

/** Runs in the page: a desktop API like the preload's, with three fake sources. */
function fakeDesktopApi(globalName: string): void {
  const thumbnail =
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
  const picks: Array<[string, boolean]> = [];
  (window as unknown as { __picks: typeof picks }).__picks = picks;
  (window as unknown as Record<string, unknown>)[globalName] = {
    getAppInfo: async () => ({ host: 'desktop', version: 'test', platform: 'linux' }),
    getServerUrl: async () => location.origin,
    getDevicePreferences: async () => ({}),
    setDevicePreferences: async () => undefined,
    openExternal: async () => undefined,
    signIn: async () => ({ sub: 'agent', name: null }),
    signOut: async () => undefined,
    setCallActive: async () => undefined,
    notify: async () => undefined,
    listCaptureSources: async () => [
      { id: 'screen:0:0', name: 'Écran 1', kind: 'screen', thumbnail, appIcon: null },
      { id: 'window:7:0', name: 'Tableur — budget.ods', kind: 'window', thumbnail, appIcon: thumbnail },
    ],
    chooseCaptureSource: async (sourceId: string, audio: boolean) => void picks.push([sourceId, audio]),
  };
}

test('the desktop picker: a window chosen with the keyboard is shared; cancelling shares nothing', async ({
  browser,
}) => {
  const [anne, bruno] = await Promise.all(['Anne', 'Bruno'].map((name) => Participant.open(browser, name)));
  try {
    await anne!.context.addInitScript(fakeDesktopApi, DESKTOP_API_GLOBAL);
    const link = await anne!.host('Partage de fenêtre');
    await bruno!.join(link);

    await anne!.page.getByTestId('toggle-screen').click();
    const picker = anne!.page.getByTestId('source-picker');
    await expect(picker).toBeVisible();
    await expect(picker.getByTestId('capture-source')).toHaveText([/Écran 1/, /Tableur — budget\.ods/]);
    await anne!.page.keyboard.press('Escape');
    await expect(picker).toHaveCount(0);
    await expect(anne!.page.getByTestId('toggle-screen')).toHaveAttribute('aria-pressed', 'false');

    await anne!.page.getByTestId('toggle-screen').click();
    await picker.locator('[data-source-id="window:7:0"]').focus();
    await anne!.page.keyboard.press('Enter');
    await expect(picker.locator('[data-source-id="window:7:0"]')).toHaveAttribute('aria-pressed', 'true');
    await picker.getByTestId('picker-share').click();
    await expect(picker).toHaveCount(0);
    await expect(bruno!.page.getByTestId('screen-share')).toBeVisible();
    expect(await anne!.page.evaluate(() => (window as unknown as { __picks: unknown }).__picks)).toEqual([
      ['window:7:0', false],
    ]);
  } finally {
    await anne!.close();
    await bruno!.close();
  }
});
