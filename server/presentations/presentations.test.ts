import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_HEADER } from '../../common/limits';
import type { WebconfServer } from '../app';
import { makePdf } from '../test-support/pdf';
import type { SignalingClient } from '../test-support/signaling-client';
import { createTestRoom, joinRoom, startTestServer } from '../test-support/test-server';

let server: WebconfServer;
const clients: SignalingClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ limits: { presentationMegabytes: 1, presentationPages: 5 } });
});
afterAll(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await server.close();
});

async function join(roomId: string, displayName: string, hostToken?: string) {
  const joined = await joinRoom(server, roomId, displayName, { hostToken });
  clients.push(joined.client);
  return joined;
}

const upload = (roomId: string, token: string | null, body: Uint8Array) =>
  fetch(`${server.url}/api/rooms/${roomId}/presentations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/pdf', ...(token ? { [SESSION_HEADER]: token } : {}) },
    body,
  });

describe('presentations', () => {
  it('accepts PDFs from participants only, and refuses anything else with a reason', async () => {
    const roomId = createTestRoom(server);
    const alice = await join(roomId, 'Alice');
    expect((await upload(roomId, null, makePdf(2))).status).toBe(401);
    const notPdf = await upload(roomId, alice.sessionToken, new TextEncoder().encode('<html>not a pdf</html>'));
    expect(notPdf.status).toBe(415);
    expect(await notPdf.json()).toMatchObject({ error: { code: 'not-pdf' } });
    const broken = await upload(roomId, alice.sessionToken, new TextEncoder().encode('%PDF-1.4 garbage'));
    expect(await broken.json()).toMatchObject({ error: { code: 'unreadable' } });
    expect(await (await upload(roomId, alice.sessionToken, makePdf(6))).json()).toMatchObject({
      error: { code: 'too-many-pages' },
    });
    expect((await upload(roomId, alice.sessionToken, new Uint8Array(2 * 1024 * 1024))).status).toBe(413);
    const ok = await upload(roomId, alice.sessionToken, makePdf(2));
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({ presentationId: expect.any(String), pages: 2 });
  });

  it('follows the presenter page by page; a late joiner opens at the current page; one presenter at a time', async () => {
    const roomId = createTestRoom(server);
    const host = await join(roomId, 'Hôte', await server.tokens.issueHostToken(roomId));
    const alice = await join(roomId, 'Alice');
    const { presentationId } = (await (await upload(roomId, alice.sessionToken, makePdf(3))).json()) as {
      presentationId: string;
    };

    expect(await alice.client.request('presentationStart', { presentationId })).toMatchObject({ ok: true });
    expect((await host.client.nextNotification('presentationChanged')).presentation).toMatchObject({
      page: 1,
      pages: 3,
      presenterName: 'Alice',
    });
    expect(await alice.client.request('presentationPage', { page: 2 })).toMatchObject({ ok: true });
    expect((await host.client.nextNotification('presentationChanged')).presentation?.page).toBe(2);
    expect(await alice.client.request('presentationPage', { page: 4 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_data' },
    });

    const late = await join(roomId, 'Retardataire');
    expect(late.presentation).toMatchObject({ presentationId, page: 2 });
    expect(await late.client.request('presentationPage', { page: 3 })).toMatchObject({
      ok: false,
      error: { code: 'wrong_state' },
    });
    expect(await late.client.request('presentationStart', { presentationId })).toMatchObject({
      ok: false,
      error: { code: 'wrong_state' },
    });
    expect(await late.client.request('presentationStop', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    const download = await fetch(`${server.url}/api/presentations/${presentationId}`, {
      headers: { [SESSION_HEADER]: late.sessionToken },
    });
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await download.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await fetch(`${server.url}/api/presentations/${presentationId}`)).status).toBe(404);

    expect(await host.client.request('presentationStop', {})).toMatchObject({ ok: true }); // a moderator stops anyone
    expect((await late.client.nextNotification('presentationChanged')).presentation).toBeNull();
  });
});
