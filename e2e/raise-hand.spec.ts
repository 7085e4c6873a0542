/** Raised hands: participants raise and lower them; moderators see them in the order they went up. */
import { expect, test } from '@playwright/test';
import { Participant } from './support/participant';

test('moderators see raised hands in order', async ({ browser }) => {
  const [anne, bruno, claire] = await Promise.all(
    ['Anne', 'Bruno', 'Claire'].map((name) => Participant.open(browser, name)),
  );
  const everyone = [anne!, bruno!, claire!];
  try {
    const link = await anne!.host('Questions');
    await bruno!.join(link);
    await claire!.join(link);
    await anne!.page.getByTestId('toggle-participants').click();
    const queue = anne!.page.getByTestId('raised-hand');

    await claire!.page.getByTestId('toggle-hand').click();
    await expect(queue).toHaveText(['Claire']);
    await bruno!.page.getByTestId('toggle-hand').click();
    await expect(bruno!.page.getByTestId('toggle-hand')).toHaveAttribute('aria-pressed', 'true');
    await expect(queue).toHaveText(['Claire', 'Bruno']);

    await claire!.page.getByTestId('toggle-hand').click();
    await expect(queue).toHaveText(['Bruno']);
    await expect(claire!.page.getByTestId('toggle-hand')).toHaveAttribute('aria-pressed', 'false');
  } finally {
    for (const participant of everyone) await participant.close();
  }
});
