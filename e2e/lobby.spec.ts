/**
 * The doors of a meeting: with the waiting room on, guests wait until a moderator lets them in or
 * refuses them; with a password, a wrong one is refused and the right one lets in.
 */
import { expect, test } from '@playwright/test';
import { Participant } from './support/participant';

test('waiting room and password', async ({ browser }) => {
  const [marie, gaston, greta, hugo] = await Promise.all(
    ['Marie', 'Gaston', 'Greta', 'Hugo'].map((name) => Participant.open(browser, name)),
  );
  const everyone = [marie!, gaston!, greta!, hugo!];
  try {
    const link = await marie!.host('Entretiens');
    await marie!.page.getByTestId('toggle-participants').click();
    await marie!.page.getByTestId('toggle-lobby').click();
    await expect(marie!.page.getByTestId('toggle-lobby')).toHaveAttribute('aria-pressed', 'true');

    const knock = async (guest: Participant) => {
      await guest.page.goto(link);
      await guest.page.getByTestId('display-name').fill(guest.name);
      await guest.page.getByTestId('join-button').click();
      await expect(guest.page.getByTestId('lobby-waiting')).toBeVisible();
    };

    await test.step('a guest waits, the moderator sees the name and lets them in', async () => {
      await knock(gaston!);
      const entry = marie!.page.getByTestId('lobby-entry').filter({ hasText: 'Gaston' });
      await expect(entry).toBeVisible();
      await entry.getByTestId('admit').click();
      await expect(gaston!.page.getByTestId('conference')).toBeVisible();
      await expect(marie!.tileOf(gaston!)).toBeVisible();
      await expect(marie!.page.getByTestId('lobby-entry')).toHaveCount(0);
    });

    await test.step('a refused guest is told so', async () => {
      await knock(greta!);
      await marie!.page.getByTestId('lobby-entry').filter({ hasText: 'Greta' }).getByTestId('refuse').click();
      await expect(greta!.page.getByTestId('call-failed')).toContainText('n’a pas accepté');
      await expect(marie!.tileOf(greta!)).toHaveCount(0);
    });

    await test.step('with a password: none or a wrong one is refused, the right one lets in', async () => {
      await marie!.page.getByTestId('toggle-lobby').click();
      await expect(marie!.page.getByTestId('toggle-lobby')).toHaveAttribute('aria-pressed', 'false');
      await marie!.page.getByTestId('room-password-new').fill('Sésame 2026');
      await marie!.page.getByTestId('set-password').click();
      await expect(marie!.page.getByTestId('remove-password')).toBeVisible();

      await hugo!.page.goto(link);
      await hugo!.page.getByTestId('display-name').fill('Hugo');
      await hugo!.page.getByTestId('join-button').click();
      await expect(hugo!.page.getByTestId('call-failed')).toContainText('mot de passe');
      await hugo!.page.getByTestId('room-password').fill('sesame');
      await hugo!.page.getByTestId('join-button').click();
      await expect(hugo!.page.getByTestId('call-failed')).toContainText('Mot de passe incorrect');
      await hugo!.page.getByTestId('room-password').fill('Sésame 2026');
      await hugo!.page.getByTestId('join-button').click();
      await expect(hugo!.page.getByTestId('conference')).toBeVisible();
      await expect(marie!.tileOf(hugo!)).toBeVisible();
    });
  } finally {
    for (const participant of everyone) await participant.close();
  }
});
