/**
 * A three-person call through the UI, proven by media counters: everyone decodes everyone;
 * muting, camera off and leaving are seen by the others.
 */
import { expect, test } from '@playwright/test';
import { expectMediaFlowing, growth, Participant } from './support/participant';

test('three participants see and hear each other; mute, camera off and leave reach the others', async ({ browser }) => {
  const alice = await Participant.open(browser, 'Alice');
  const bob = await Participant.open(browser, 'Bob');
  const chloe = await Participant.open(browser, 'Chloé');
  const everyone = [alice, bob, chloe];
  try {
    const [host, ...guests] = everyone as [Participant, ...Participant[]];
    const link = await host.host('Point hebdo');
    for (const guest of guests) await guest.join(link);
    for (const viewer of everyone) {
      await expect(viewer.page.getByTestId('tile')).toHaveCount(3);
    }

    await test.step('every participant decodes both remote videos and receives both remote audios', async () => {
      for (const viewer of everyone) {
        await expectMediaFlowing(
          viewer,
          everyone.filter((p) => p !== viewer),
        );
      }
    });

    await test.step('the dominant speaker is highlighted, the same one for everyone', async () => {
      // All three fake microphones beep alike, so the dominant speaker may move: poll until the
      // three views agree on exactly one highlighted participant.
      const highlighted = (viewer: Participant) =>
        viewer.page.locator('[data-testid="tile"][data-speaking="true"] [data-testid="tile-name"]').allInnerTexts();
      await expect
        .poll(async () => {
          const views = await Promise.all(everyone.map(highlighted));
          const names = new Set(views.flat());
          return views.every((view) => view.length === 1) && names.size === 1;
        })
        .toBe(true);
    });

    await test.step('Alice mutes: the others see it and her audio stops', async () => {
      await alice.page.getByTestId('toggle-microphone').click();
      await expect(alice.page.getByTestId('toggle-microphone')).toHaveAttribute('aria-pressed', 'true');
      for (const viewer of [bob, chloe]) {
        await expect(viewer.tileOf(alice).getByTestId('muted-indicator')).toBeVisible();
        await expect(viewer.tileOf(bob === viewer ? chloe : bob).getByTestId('muted-indicator')).toHaveCount(0);
      }
      await bob.page.waitForTimeout(1000); // packets already in flight when she muted
      const [fromAlice, fromChloe] = await growth(bob, [alice, chloe], 2000);
      expect(fromAlice!.audioPackets, 'audio packets from Alice after she muted').toBe(0);
      expect(fromChloe!.audioPackets, 'audio packets from Chloé meanwhile').toBeGreaterThan(0);
      expect(fromAlice!.frames, 'Alice video keeps flowing').toBeGreaterThan(0);
    });

    await test.step('Alice turns her camera off: her tile shows her avatar and name', async () => {
      await alice.page.getByTestId('toggle-camera').click();
      await expect(alice.page.getByTestId('toggle-camera')).toHaveAttribute('aria-pressed', 'true');
      for (const viewer of [bob, chloe]) {
        const tile = viewer.tileOf(alice);
        await expect(tile.getByTestId('tile-avatar')).toBeVisible();
        await expect(tile.getByTestId('tile-video')).toHaveCount(0);
        await expect(tile.getByTestId('tile-name')).toHaveText('Alice');
      }
    });

    await test.step('Chloé leaves: her tile disappears for the others within 2 s', async () => {
      await chloe.page.getByTestId('leave-button').click();
      for (const viewer of [alice, bob]) {
        await expect(viewer.tileOf(chloe)).toHaveCount(0, { timeout: 2000 });
        await expect(viewer.page.getByTestId('tile')).toHaveCount(2, { timeout: 2000 });
      }
    });
  } finally {
    for (const participant of everyone) await participant.close();
  }
});
