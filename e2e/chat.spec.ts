/**
 * Chat between participants: room messages both ways, a private message seen by its two parties
 * only, history for a late joiner, markup shown as text, links opened outside, limits explained.
 */
import { expect, test, type Page } from '@playwright/test';
import { Participant } from './support/participant';

async function openChat(page: Page): Promise<void> {
  if ((await page.getByTestId('toggle-chat').getAttribute('aria-expanded')) !== 'true') {
    await page.getByTestId('toggle-chat').click();
  }
}

async function say(participant: Participant, text: string, to?: string): Promise<void> {
  await openChat(participant.page);
  await participant.page.getByTestId('chat-recipient').selectOption(to ? { label: to } : { index: 0 });
  await participant.page.getByTestId('chat-input').fill(text);
  await participant.page.getByTestId('chat-send').click();
}

const messages = (page: Page) => page.getByTestId('chat-message');

test('chat: room and private messages, history, markup as text, limits', async ({ browser }) => {
  const [anne, bruno, claire, dora] = await Promise.all(
    ['Anne', 'Bruno', 'Claire', 'Dora'].map((name) => Participant.open(browser, name)),
  );
  const everyone = [anne!, bruno!, claire!, dora!];
  try {
    const link = await anne!.host('Atelier');
    await bruno!.join(link);
    await claire!.join(link);

    await test.step('a room message reaches everyone; the closed panel counts it as unread', async () => {
      await say(anne!, 'Bonjour à tous, ordre du jour : https://www.numerique.gouv.fr/');
      await expect(claire!.page.getByTestId('chat-unread')).toHaveText(/1/);
      for (const reader of [bruno!, claire!]) {
        await openChat(reader.page);
        await expect(messages(reader.page).last()).toContainText('Bonjour à tous');
        const link = messages(reader.page).last().getByRole('link');
        await expect(link).toHaveAttribute('href', 'https://www.numerique.gouv.fr/');
        await expect(link).toHaveAttribute('target', '_blank');
      }
      await expect(claire!.page.getByTestId('chat-unread')).toHaveCount(0);
      await say(bruno!, 'Bonjour Anne !');
      await expect(messages(anne!.page).last()).toContainText('Bonjour Anne');
    });

    await test.step('a private message is seen by its two parties only', async () => {
      await say(bruno!, 'Un mot en privé', 'Anne');
      await expect(messages(anne!.page).last()).toContainText('Un mot en privé');
      await expect(messages(anne!.page).last()).toHaveAttribute('data-private', 'true');
      await expect(messages(bruno!.page).last()).toContainText('privé, à Anne');
      await claire!.page.waitForTimeout(500);
      await expect(messages(claire!.page).filter({ hasText: 'Un mot en privé' })).toHaveCount(0);
    });

    await test.step('markup from another participant is shown as text', async () => {
      const payload = '<img src=x onerror="document.title=\'pwned\'"><b>gras</b>';
      await say(claire!, payload);
      const shown = messages(anne!.page).last().getByTestId('chat-text');
      await expect(shown).toHaveText(payload);
      await expect(messages(anne!.page).last().locator('img, b')).toHaveCount(0);
      expect(await anne!.page.title()).not.toBe('pwned');
    });

    await test.step('a late joiner sees the room history, not the private messages', async () => {
      await dora!.join(link);
      await openChat(dora!.page);
      await expect(messages(dora!.page)).toHaveCount(3);
      await expect(messages(dora!.page).filter({ hasText: 'Un mot en privé' })).toHaveCount(0);
    });

    await test.step('too many messages at once: refused with a reason, the text kept', async () => {
      await openChat(bruno!.page);
      for (let i = 0; i < 25; i++) {
        await bruno!.page.getByTestId('chat-input').fill(`message ${i}`);
        await bruno!.page.getByTestId('chat-send').click();
        if (await bruno!.page.getByTestId('chat-error').isVisible()) break;
      }
      await expect(bruno!.page.getByTestId('chat-error')).toContainText('Trop de messages');
      await expect(bruno!.page.getByTestId('chat-input')).not.toHaveValue('');
    });
  } finally {
    for (const participant of everyone) await participant.close();
  }
});
