/**
 * When the SFU's media workers crash mid-call, the server stays up, replaces them, and tells the
 * participants to rejoin; their apps do so by themselves and media flows again.
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
