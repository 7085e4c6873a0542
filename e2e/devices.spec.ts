/** Switching the microphone during a call: the others keep hearing, the call does not drop. */
import { expect, test } from '@playwright/test';
import { growth, Participant } from './support/participant';

test('the microphone is switched live from the call settings', async ({ browser }) => {
  const [anne, bruno] = await Promise.all(['Anne', 'Bruno'].map((name) => Participant.open(browser, name)));
  try {
    const link = await anne!.host('Réglages');
    await bruno!.join(link);
    await anne!.page.getByTestId('toggle-settings').click();
    const microphones = anne!.page.getByTestId('device-microphone');
    const options = await microphones.locator('option').allTextContents();
    expect(options.length, `microphones offered: ${options.join(', ')}`).toBeGreaterThan(1);
    const current = await microphones.inputValue();
    const other = await microphones
      .locator('option')
      .evaluateAll(
        (elements, value) =>
          (elements as HTMLOptionElement[]).map((o) => o.value).find((v) => v !== value && v !== 'default'),
        current,
      );
    await microphones.selectOption(other!);
    await expect(microphones).toHaveValue(other!);
    await expect
      .poll(async () => (await growth(bruno!, [anne!], 1000))[0]!.audioPackets, { message: 'Anne is still heard' })
      .toBeGreaterThan(0);
    await expect(bruno!.page.getByTestId('tile')).toHaveCount(2);
  } finally {
    await anne!.close();
    await bruno!.close();
  }
});
