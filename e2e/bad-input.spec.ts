/**
 * A hostile or broken client on the signaling socket: each bad message gets a typed error (or,
 * past the frame cap, a 1009 close), the server stays up, and a call in progress keeps flowing.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { expectMediaFlowing, Participant } from './support/participant';
import { RawClient } from './support/raw-client';

async function healthy(request: APIRequestContext): Promise<boolean> {
  const response = await request.get('/healthz');
  return response.ok() && (await response.json()).status === 'ok';
}

test('malformed, unknown, oversized and out-of-order messages are refused and the call keeps flowing', async ({
  browser,
  request,
  baseURL,
}) => {
  const everyone = await Promise.all(['Anne', 'Bruno', 'Claire'].map((name) => Participant.open(browser, name)));
  try {
    const [host, ...guests] = everyone as [Participant, ...Participant[]];
    const link = await host.host('Robustesse');
    for (const guest of guests) await guest.join(link);
    const room = new URL(link).pathname.split('/').at(-1)!;
    const attacker = await RawClient.open(baseURL!);

    await test.step('malformed JSON', async () => {
      const reply = await attacker.send('{"type":"request", "id": 1, ');
      expect(reply).toMatchObject({ ok: false, id: null, error: { code: 'bad_json' } });
    });
    await test.step('not a request envelope', async () => {
      const reply = await attacker.send(JSON.stringify({ hello: 'world', id: 7 }));
      expect(reply).toMatchObject({ ok: false, id: 7, error: { code: 'bad_json' } });
    });
    await test.step('unknown message name', async () => {
      const reply = await attacker.send(JSON.stringify({ type: 'request', id: 2, method: 'becomeAdmin', data: {} }));
      expect(reply).toMatchObject({ ok: false, id: 2, error: { code: 'unknown_method' } });
    });
    await test.step('invalid data for a known message', async () => {
      const reply = await attacker.send(
        JSON.stringify({ type: 'request', id: 3, method: 'join', data: { roomId: room, displayName: 42 } }),
      );
      expect(reply).toMatchObject({ ok: false, id: 3, error: { code: 'invalid_data' } });
    });
    await test.step('requests in the wrong order', async () => {
      const produce = await attacker.send(
        JSON.stringify({
          type: 'request',
          id: 4,
          method: 'produce',
          data: { transportId: 'x', kind: 'audio', source: 'microphone', rtpParameters: { codecs: [{}] } },
        }),
      );
      expect(produce).toMatchObject({ ok: false, id: 4, error: { code: 'wrong_state' } });
      const resume = await attacker.send(
        JSON.stringify({ type: 'request', id: 5, method: 'resumeConsumer', data: { consumerId: 'nope' } }),
      );
      expect(resume).toMatchObject({ ok: false, id: 5, error: { code: 'wrong_state' } });
      const leave = await attacker.send(JSON.stringify({ type: 'request', id: 6, method: 'leave', data: {} }));
      expect(leave).toMatchObject({ ok: false, id: 6, error: { code: 'wrong_state' } });
    });
    await test.step('a 100 kB message gets too_large and the socket stays usable', async () => {
      const reply = await attacker.send('x'.repeat(100 * 1024));
      expect(reply).toMatchObject({ ok: false, error: { code: 'too_large' } });
      const after = await attacker.send(
        JSON.stringify({ type: 'request', id: 8, method: 'getRouterRtpCapabilities', data: { roomId: room } }),
      );
      expect(after).toMatchObject({ ok: true, id: 8 });
    });
    await test.step('a 10 MB message closes that socket with 1009 (message too big)', async () => {
      attacker.socket.send(Buffer.alloc(10 * 1024 * 1024, 0x20).toString());
      await expect.poll(() => attacker.closeCode, { timeout: 10_000 }).toBe(1009);
    });

    expect(await healthy(request)).toBe(true);
    await test.step('the three-person call keeps flowing', async () => {
      for (const viewer of everyone) {
        await expect(viewer.page.getByTestId('tile')).toHaveCount(3);
        await expectMediaFlowing(
          viewer,
          everyone.filter((p) => p !== viewer),
        );
      }
    });
  } finally {
    for (const participant of everyone) await participant.close();
  }
});
