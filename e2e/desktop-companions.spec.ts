/**
 * The desktop app's mini window, in Chromium with a fake desktop API: it opens when the app goes to
 * the background (live video of who speaks, mute, back, leave). The sharing bar is tested with the
 * picker (desktop-picker.spec.ts). Electron's side of both (always on top, out of captures) is in
 * main/companion-windows.ts and its tests.
 */
import { expect, test, type Page } from '@playwright/test';
import { desktopCalls, openAsDesktop } from './support/fake-desktop';
import { Participant } from './support/participant';

/** What the OS does to the page when another program takes the focus, or when it comes back. */
const setAppFocused = (page: Page, focused: boolean) =>
  page.evaluate((focus) => window.dispatchEvent(new Event(focus ? 'focus' : 'blur')), focused);

/** Whether a video element in the page shows frames (the fake camera's moving pattern). */
const videoPlays = (page: Page) =>
  page.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('[data-testid="tile-video"]');
    return video !== null && video.videoWidth > 0 && !video.paused;
  });

test('the mini window follows the app to the background and drives the call', async ({ browser }) => {
  const [anne, bruno] = await Promise.all([openAsDesktop(browser, 'Anne'), Participant.open(browser, 'Bruno')]);
  try {
    const link = await anne!.host('Mini-fenêtre');
    await bruno!.join(link);
    await expect(anne!.tileOf(bruno!)).toBeVisible();

    const miniOpened = anne!.page.waitForEvent('popup');
    await setAppFocused(anne!.page, false);
    const mini = await miniOpened;
    const panel = mini.getByTestId('mini-window');
    await expect(panel).toBeVisible();
    await expect(panel.getByTestId('tile-name')).toHaveText('Bruno');
    await expect.poll(() => videoPlays(mini), { timeout: 10_000 }).toBe(true);
    // Silent: the sound keeps playing in the main window only.
    await expect(mini.locator('audio')).toHaveCount(0);

    await panel.getByTestId('mini-microphone').click();
    await expect(panel.getByTestId('mini-microphone')).toHaveAttribute('aria-pressed', 'true');
    await expect(anne!.page.getByTestId('toggle-microphone')).toHaveAttribute('aria-pressed', 'true');
    await expect(bruno!.tileOf(anne!).getByTestId('muted-indicator')).toBeVisible();

    await panel.getByTestId('mini-back').click();
    expect((await desktopCalls(anne!.page)).some(([method]) => method === 'focusApp')).toBe(true);
    await setAppFocused(anne!.page, true);
    await expect.poll(() => mini.isClosed()).toBe(true);

    const againOpened = anne!.page.waitForEvent('popup');
    await setAppFocused(anne!.page, false);
    const again = await againOpened;
    await again.getByTestId('mini-leave').click();
    await expect.poll(() => again.isClosed()).toBe(true);
    await expect(bruno!.tileOf(anne!)).toHaveCount(0);
  } finally {
    await anne!.close();
    await bruno!.close();
  }
});
