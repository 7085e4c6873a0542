/**
 * The desktop app's own screen and window picker, and the sharing bar, in Chromium: the page gets a
 * desktop API (as the preload would expose it) whose sources are fake.
 */
import { expect, test } from '@playwright/test';
import { desktopCalls, openAsDesktop } from './support/fake-desktop';
import { Participant } from './support/participant';

test('the desktop picker and sharing bar: cancel shares nothing; a window chosen with the keyboard is shared, named on the bar, stopped from it', async ({
  browser,
}) => {
  const [anne, bruno] = await Promise.all([
    openAsDesktop(browser, 'Anne', { miniWindow: false }),
    Participant.open(browser, 'Bruno'),
  ]);
  try {
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
    const barOpened = anne!.page.waitForEvent('popup');
    await picker.getByTestId('picker-share').click();
    await expect(picker).toHaveCount(0);
    await expect(bruno!.page.getByTestId('screen-share')).toBeVisible();
    const picks = (await desktopCalls(anne!.page)).filter(([method]) => method === 'chooseCaptureSource');
    expect(picks).toEqual([['chooseCaptureSource', 'window:7:0', false]]);

    const bar = await barOpened;
    await expect(bar.getByTestId('sharing-bar-text')).toHaveText('Vous partagez « Tableur — budget.ods »');
    // The mini window is off here: going to the background opens nothing more (checked once the
    // share has stopped, long after a popup would have been asked for).
    await anne!.page.evaluate(() => window.dispatchEvent(new Event('blur')));
    await bar.getByTestId('sharing-bar-stop').click();
    await expect.poll(() => bar.isClosed()).toBe(true);
    await expect(bruno!.page.getByTestId('screen-share')).toHaveCount(0);
    await expect(anne!.page.getByTestId('toggle-screen')).toHaveAttribute('aria-pressed', 'false');
    expect(anne!.context.pages()).toEqual([anne!.page]);
  } finally {
    await anne!.close();
    await bruno!.close();
  }
});
