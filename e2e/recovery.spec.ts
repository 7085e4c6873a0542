/**
 * When the SFU's media workers crash mid-call, the server stays up, replaces them, and tells the
 * participants to rejoin; their apps do so by themselves and media flows again. The same when one
 * participant's connection to the server drops.
 */
import { expect, test } from '@playwright/test';
import { mediaWorkerPids } from './support/media-workers';
import { expectMediaFlowing, Participant } from './support/participant';

test('a call survives the crash of every media worker', async ({ browser, baseURL, request }) => {
  const port = Number(new URL(baseURL!).port);
  const everyone = await Promise.all(['Agnès', 'Baptiste'].map((name) => Participant.open(browser, name)));
  try {
    const [host, ...guests] = everyone as [Participant, ...Participant[]];
    const link = await host.host('Reprise');
    for (const guest of guests) await guest.join(link);
    const [agnes, baptiste] = everyone as [Participant, Participant];
    await expectMediaFlowing(agnes, [baptiste]);

    const workers = mediaWorkerPids(port);
    expect(workers.length, 'media workers of the server under test').toBeGreaterThan(0);
    for (const pid of workers) process.kill(pid, 'SIGKILL');

    await expect.poll(async () => (await request.get('/healthz')).ok()).toBe(true);
    await expect.poll(() => mediaWorkerPids(port).filter((pid) => !workers.includes(pid)).length).toBe(workers.length);
    for (const viewer of everyone) {
      await expect(viewer.page.getByTestId('tile')).toHaveCount(2, { timeout: 20_000 });
    }
    await expectMediaFlowing(agnes, [baptiste]);
    await expectMediaFlowing(baptiste, [agnes]);
  } finally {
    for (const participant of everyone) await participant.close();
  }
});

test('a participant whose connection to the server drops rejoins, and is seen and heard again', async ({ browser }) => {
  const everyone = await Promise.all(['Anne', 'Bruno', 'Claire'].map((name) => Participant.open(browser, name)));
  const [anne, bruno, claire] = everyone as [Participant, Participant, Participant];
  try {
    const link = await anne.host('Coupure');
    for (const guest of [bruno, claire]) await guest.join(link);
    await expectMediaFlowing(bruno, [anne, claire]);

    await anne.dropSignaling();
    await expect(anne.page.getByTestId('reconnecting')).toBeVisible();
    await expect(anne.page.getByTestId('reconnecting')).toHaveCount(0);
    for (const viewer of everyone) {
      await expect(viewer.page.getByTestId('tile')).toHaveCount(3);
      await expectMediaFlowing(
        viewer,
        everyone.filter((other) => other !== viewer),
      );
    }
  } finally {
    for (const participant of everyone) await participant.close();
  }
});
