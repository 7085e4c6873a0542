/**
 * Sharing a screen (Chromium's fake-UI flag picks a fake screen): the others decode it, see it
 * large with the sharer's name; stopping removes it.
 */
import { expect, test } from '@playwright/test';
import { Participant } from './support/participant';

test('a shared screen is decoded and shown large to the others, then removed when stopped', async ({ browser }) => {
  const [anne, bruno, claire] = await Promise.all(
    ['Anne', 'Bruno', 'Claire'].map((name) => Participant.open(browser, name)),
  );
  const everyone = [anne!, bruno!, claire!];
  try {
    const link = await anne!.host('Démonstration');
    await bruno!.join(link);
    await claire!.join(link);

    await anne!.page.getByTestId('toggle-screen').click();
    await expect(anne!.page.getByTestId('toggle-screen')).toHaveAttribute('aria-pressed', 'true');
    await expect(anne!.page.getByTestId('sharing-self')).toBeVisible();

    for (const viewer of [bruno!, claire!]) {
      await expect(viewer.page.getByTestId('screen-share')).toBeVisible();
      await expect(viewer.page.getByTestId('screen-share-name')).toContainText('Anne');
      await expect
        .poll(
          async () => {
            const before = await viewer.screenFramesDecoded();
            await viewer.page.waitForTimeout(1000);
            return before > 0 && (await viewer.screenFramesDecoded()) > before;
          },
          { timeout: 30_000, message: `${viewer.name} decodes the shared screen` },
        )
        .toBe(true);
      const box = await viewer.page.getByTestId('screen-video').boundingBox();
      const tile = await viewer.tileOf(anne!).boundingBox();
      expect(box!.width, 'the screen is shown larger than a participant tile').toBeGreaterThan(tile!.width);
    }

    await anne!.page.getByTestId('stop-screen').click();
    for (const viewer of [bruno!, claire!]) await expect(viewer.page.getByTestId('screen-share')).toHaveCount(0);
    await expect(anne!.page.getByTestId('toggle-screen')).toHaveAttribute('aria-pressed', 'false');
  } finally {
    for (const participant of everyone) await participant.close();
  }
});
