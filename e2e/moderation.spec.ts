/**
 * A moderator runs a meeting: mutes a guest (whose sound stops and who is told by whom), locks
 * the room, removes the guest (who cannot come back while it is locked), ends the meeting. A guest
 * who forges moderator messages over the raw socket changes nothing.
 */
import { expect, test } from '@playwright/test';
import { growth, Participant } from './support/participant';
import { RawClient } from './support/raw-client';

test('moderation is enforced by the server and seen by everyone', async ({ browser, baseURL }) => {
  const [marie, gaston, greta, hugo] = await Promise.all(
    ['Marie', 'Gaston', 'Greta', 'Hugo'].map((name) => Participant.open(browser, name)),
  );
  const everyone = [marie!, gaston!, greta!, hugo!];
  const intruder = await RawClient.open(baseURL!);
  try {
    const link = await marie!.host('Comité de pilotage');
    const roomId = new URL(link).pathname.split('/').at(-1)!;
    await gaston!.join(link);
    await greta!.join(link);

    await test.step('a guest forging moderator messages is refused and nothing changes', async () => {
      const { data } = (await intruder.request('getRouterRtpCapabilities', { roomId })) as {
        data: { rtpCapabilities: unknown };
      };
      const joined = await intruder.request('join', {
        roomId,
        displayName: 'Intrus',
        rtpCapabilities: data.rtpCapabilities,
      });
      expect(joined).toMatchObject({ ok: true, data: { role: 'participant' } });
      const peers = (joined as { data: { peers: Array<{ peerId: string; displayName: string }> } }).data.peers;
      const marieId = peers.find((p) => p.displayName === 'Marie')!.peerId;
      for (const [method, payload] of [
        ['removeParticipant', { peerId: marieId }],
        ['muteParticipant', { peerId: marieId, source: 'microphone' }],
        ['promote', { peerId: marieId }],
        ['lockRoom', { locked: true }],
        ['endMeeting', {}],
      ] as const) {
        expect(await intruder.request(method, payload), method).toMatchObject({
          ok: false,
          error: { code: 'forbidden' },
        });
      }
      intruder.close();
      await expect(marie!.page.getByTestId('tile')).toHaveCount(3);
      await expect(marie!.page.getByTestId('toggle-microphone')).toHaveAttribute('aria-pressed', 'false');
    });

    await marie!.page.getByTestId('toggle-participants').click();
    const gastonRow = marie!.page.getByTestId('participant-list').locator('li', { hasText: 'Gaston' });

    await test.step('the moderator mutes Gaston: his sound stops and he is told by whom', async () => {
      await gastonRow.getByTestId('moderate-mute-microphone').click();
      await expect(gaston!.page.getByTestId('muted-by')).toContainText('Marie');
      await expect(gaston!.page.getByTestId('toggle-microphone')).toHaveAttribute('aria-pressed', 'true');
      await expect(greta!.tileOf(gaston!).getByTestId('muted-indicator')).toBeVisible();
      await greta!.page.waitForTimeout(1000);
      const [fromGaston] = await growth(greta!, [gaston!], 2000);
      expect(fromGaston!.audioPackets, 'audio packets from Gaston after the moderator muted him').toBe(0);
    });

    await test.step('locked: a newcomer is refused with a clear message', async () => {
      await marie!.page.getByTestId('lock-room').click();
      await expect(marie!.page.getByTestId('lock-room')).toHaveAttribute('aria-pressed', 'true');
      await hugo!.page.goto(link);
      await hugo!.page.getByTestId('display-name').fill('Hugo');
      await hugo!.page.getByTestId('join-button').click();
      await expect(hugo!.page.getByTestId('call-failed')).toContainText('verrouillée');
    });

    await test.step('removed: Gaston lands on a page saying so and cannot come back into the locked room', async () => {
      await gastonRow.getByTestId('moderate-remove').click();
      await gastonRow.getByTestId('remove-reason').fill('Réunion réservée aux membres du comité');
      await gastonRow.getByTestId('remove-confirm').click();
      await expect(gaston!.page.getByTestId('dismissed-panel')).toContainText('Marie vous a retiré');
      await expect(gaston!.page.getByTestId('removal-reason')).toContainText('réservée aux membres');
      await expect(greta!.tileOf(gaston!)).toHaveCount(0);
      await gaston!.page.goto(link);
      await gaston!.page.getByTestId('display-name').fill('Gaston');
      await gaston!.page.getByTestId('join-button').click();
      await expect(gaston!.page.getByTestId('call-failed')).toContainText('verrouillée');
    });

    await test.step('the moderator ends the meeting: everyone leaves', async () => {
      await marie!.page.getByTestId('end-meeting').click();
      await marie!.page.getByTestId('end-meeting-confirm').click();
      for (const participant of [marie!, greta!]) {
        await expect(participant.page.getByTestId('dismissed-panel')).toContainText('terminé la réunion');
        await expect(participant.page.getByTestId('conference')).toHaveCount(0);
      }
    });
  } finally {
    intruder.close();
    for (const participant of everyone) await participant.close();
  }
});
