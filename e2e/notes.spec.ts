/**
 * Shared notes in the app: two participants type at once and converge, see each other's cursor
 * and name; a late joiner gets the text; read-only for guests when the moderator says so; export.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { Participant } from './support/participant';

const editor = (page: Page) => page.getByTestId('notes-editor').locator('.cm-content');

/** The document's text, without the other editors' cursors and name labels drawn inside it. */
function documentText(page: Page): Promise<string> {
  return page.getByTestId('notes-editor').evaluate((root) => {
    const content = root.querySelector('.cm-content')!.cloneNode(true) as HTMLElement;
    content.querySelectorAll('.cm-ySelectionCaret, .cm-ySelectionInfo').forEach((widget) => widget.remove());
    return [...content.querySelectorAll('.cm-line')]
      .map((line) => line.textContent ?? '')
      .join('\n')
      .replace(/\u2060/g, '');
  });
}

async function openNotes(page: Page): Promise<void> {
  await page.getByTestId('toggle-notes').click();
  await expect(page.getByTestId('notes-status')).toHaveCount(0); // connected
}

test('shared notes: concurrent typing converges, cursors are named, read-only, export', async ({ browser }) => {
  const [anne, bruno, claire] = await Promise.all(
    ['Anne', 'Bruno', 'Claire'].map((name) => Participant.open(browser, name)),
  );
  const everyone = [anne!, bruno!, claire!];
  try {
    const link = await anne!.host('Rédaction');
    await bruno!.join(link);
    await openNotes(anne!.page);
    await openNotes(bruno!.page);

    await test.step('both type at the same time and end up with the same text', async () => {
      await editor(anne!.page).click();
      await editor(bruno!.page).click();
      await Promise.all([
        anne!.page.keyboard.type('Ordre du jour. ', { delay: 20 }),
        bruno!.page.keyboard.type('Participants : Anne, Bruno. ', { delay: 20 }),
      ]);
      await expect
        .poll(async () => {
          const [a, b] = await Promise.all([documentText(anne!.page), documentText(bruno!.page)]);
          return a === b && a.includes('Ordre du jour.') && a.includes('Participants : Anne, Bruno.');
        })
        .toBe(true);
      await expect(anne!.page.locator('.cm-ySelectionInfo', { hasText: 'Bruno' })).toHaveCount(1);
    });

    await test.step('a late joiner gets the text', async () => {
      await claire!.join(link);
      await openNotes(claire!.page);
      await expect(editor(claire!.page)).toContainText('Ordre du jour.');
    });

    await test.step('read-only for guests: their typing changes nothing', async () => {
      await anne!.page.getByTestId('toggle-participants').click();
      await anne!.page.getByTestId('toggle-notes-read-only').click();
      await expect(claire!.page.getByTestId('notes-read-only')).toBeVisible();
      await expect(editor(claire!.page)).toHaveAttribute('contenteditable', 'false');
      const before = await documentText(anne!.page);
      await editor(claire!.page).click();
      await claire!.page.keyboard.type('vandalisme');
      await anne!.page.waitForTimeout(500);
      expect(await documentText(anne!.page)).toBe(before);
    });

    await test.step('export as Markdown and as text', async () => {
      await anne!.page.getByTestId('toggle-notes').click();
      const [markdown] = await Promise.all([
        anne!.page.waitForEvent('download'),
        anne!.page.getByTestId('export-markdown').click(),
      ]);
      expect(markdown.suggestedFilename()).toBe('Rédaction.md');
      const content = readFileSync((await markdown.path())!, 'utf8');
      expect(content).toMatch(/^# Rédaction\n\n/);
      expect(content).toContain('Ordre du jour.');
      const [text] = await Promise.all([
        anne!.page.waitForEvent('download'),
        anne!.page.getByTestId('export-text').click(),
      ]);
      expect(readFileSync((await text.path())!, 'utf8')).toContain('Participants : Anne, Bruno.');
    });
  } finally {
    for (const participant of everyone) await participant.close();
  }
});
