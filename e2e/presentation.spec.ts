/**
 * Presenting a PDF: the presenter uploads one made here; everyone sees page 1, then page 2 when
 * the presenter moves; a late joiner lands on page 2; a file that is not a PDF is refused.
 */
import { expect, test } from '@playwright/test';
import { makePdf } from '../server/test-support/pdf';
import { Participant } from './support/participant';

test('a presentation is followed page by page, and a non-PDF is refused', async ({ browser }) => {
  const [anne, bruno, claire] = await Promise.all(
    ['Anne', 'Bruno', 'Claire'].map((name) => Participant.open(browser, name)),
  );
  const everyone = [anne!, bruno!, claire!];
  try {
    const link = await anne!.host('Revue de projet');
    await bruno!.join(link);

    await anne!.page.getByTestId('presentation-file').setInputFiles({
      name: 'notes.txt',
      mimeType: 'application/pdf',
      buffer: Buffer.from('not a pdf at all'),
    });
    await expect(anne!.page.getByTestId('presentation-error')).toContainText('n’est pas un PDF');

    await anne!.page.getByTestId('presentation-file').setInputFiles({
      name: 'revue.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(makePdf(3)),
    });
    for (const viewer of [anne!, bruno!]) {
      await expect(viewer.page.getByTestId('presentation')).toHaveAttribute('data-page', '1');
      await expect(viewer.page.getByTestId('presentation-caption')).toContainText('page 1 sur 3');
    }
    await expect(bruno!.page.getByTestId('presentation-next')).toHaveCount(0); // only the presenter turns pages

    await anne!.page.getByTestId('presentation-next').click();
    await expect(bruno!.page.getByTestId('presentation')).toHaveAttribute('data-page', '2');

    await claire!.join(link);
    await expect(claire!.page.getByTestId('presentation')).toHaveAttribute('data-page', '2');
    const painted = await claire!.page
      .getByTestId('presentation')
      .locator('canvas')
      .evaluate((canvas: HTMLCanvasElement) => {
        const context = canvas.getContext('2d')!;
        const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
        let dark = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) dark++;
        return dark;
      });
    expect(painted, 'the page text is drawn on the canvas').toBeGreaterThan(50);

    await anne!.page.getByTestId('presentation-stop').click();
    for (const viewer of everyone) await expect(viewer.page.getByTestId('presentation')).toHaveCount(0);
  } finally {
    for (const participant of everyone) await participant.close();
  }
});
