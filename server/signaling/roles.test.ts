import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WebconfServer } from '../app';
import { SignalingClient } from '../test-support/signaling-client';
import { createTestRoom, startTestServer } from '../test-support/test-server';

let server: WebconfServer;
const clients: SignalingClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ rooms: { maxParticipants: 3 } });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});
afterAll(async () => {
  await server.close();
});

const newRoom = () => createTestRoom(server, 'Rôles');

async function join(roomId: string, displayName: string, tokens: { hostToken?: string; sessionToken?: string } = {}) {
  const client = await SignalingClient.connect(server.url);
  clients.push(client);
  const { rtpCapabilities } = await client.call('getRouterRtpCapabilities', { roomId });
  const reply = await client.request('join', { roomId, displayName, rtpCapabilities, ...tokens });
  return { client, reply };
}

describe('roles', () => {
  it('makes the bearer of the host token a moderator, and anyone else a participant', async () => {
    const roomId = newRoom();
    const hostToken = await server.tokens.issueHostToken(roomId);
    expect((await join(roomId, 'Hôte', { hostToken })).reply).toMatchObject({ ok: true, data: { role: 'moderator' } });
    expect((await join(roomId, 'Invité')).reply).toMatchObject({ ok: true, data: { role: 'participant' } });
  });

  it('ignores a host token of another room, or a forged one', async () => {
    const roomId = newRoom();
    const otherToken = await server.tokens.issueHostToken(newRoom());
    expect((await join(roomId, 'A', { hostToken: otherToken })).reply).toMatchObject({ data: { role: 'participant' } });
    const forged = otherToken.slice(0, -4) + 'AAAA';
    expect((await join(roomId, 'B', { hostToken: forged })).reply).toMatchObject({ data: { role: 'participant' } });
  });

  it('gives a reconnecting moderator its role back through its session token', async () => {
    const roomId = newRoom();
    const hostToken = await server.tokens.issueHostToken(roomId);
    const first = await join(roomId, 'Hôte', { hostToken });
    const sessionToken = (first.reply as { data: { sessionToken: string } }).data.sessionToken;
    await first.client.close();
    expect((await join(roomId, 'Hôte', { sessionToken })).reply).toMatchObject({ data: { role: 'moderator' } });
  });

  it('lets only moderators into a locked room, and nobody past the participant limit', async () => {
    const roomId = newRoom();
    const hostToken = await server.tokens.issueHostToken(roomId);
    const host = await join(roomId, 'Hôte', { hostToken });
    expect(await host.client.request('lockRoom', { locked: true })).toMatchObject({ ok: true });
    expect((await join(roomId, 'Invité')).reply).toMatchObject({ ok: false, error: { code: 'room_locked' } });
    expect((await join(roomId, 'Co-hôte', { hostToken })).reply).toMatchObject({ ok: true });
    expect(await host.client.request('lockRoom', { locked: false })).toMatchObject({ ok: true });
    expect((await join(roomId, 'Troisième')).reply).toMatchObject({ ok: true });
    expect((await join(roomId, 'Quatrième')).reply).toMatchObject({ ok: false, error: { code: 'room_full' } });
  });

  it('tells a promoted participant and everyone else', async () => {
    const roomId = newRoom();
    const host = await join(roomId, 'Hôte', { hostToken: await server.tokens.issueHostToken(roomId) });
    const guest = await join(roomId, 'Invité');
    const guestId = (guest.reply as { data: { peerId: string } }).data.peerId;
    expect(await guest.client.request('promote', { peerId: guestId })).toMatchObject({ error: { code: 'forbidden' } });
    expect(await host.client.request('promote', { peerId: guestId })).toMatchObject({ ok: true });
    const update = await guest.client.nextNotification('peerUpdated');
    expect(update.peer).toMatchObject({ peerId: guestId, role: 'moderator' });
    expect(await guest.client.request('lockRoom', { locked: true })).toMatchObject({ ok: true });
  });
});

describe('lobby and password', () => {
  async function hosted() {
    const roomId = newRoom();
    const host = await join(roomId, 'Hôte', { hostToken: await server.tokens.issueHostToken(roomId) });
    return { roomId, host };
  }

  /** Reads the moderator's lobby news until `name` waits there (each read is bounded). */
  async function knockOf(client: SignalingClient, name: string): Promise<string> {
    for (let read = 0; read < 5; read++) {
      const { waiting } = await client.nextNotification('lobbyChanged');
      const knock = waiting.find((k) => k.displayName === name);
      if (knock) return knock.knockId;
    }
    throw new Error(`${name} never showed up in the lobby`);
  }

  async function knocker(roomId: string, displayName: string, password?: string) {
    const client = await SignalingClient.connect(server.url);
    clients.push(client);
    const reply = await client.request('knock', { roomId, displayName, password });
    return { client, reply };
  }

  it('makes guests wait until a moderator admits them; refused ones are told by whom', async () => {
    const { roomId, host } = await hosted();
    expect(await host.client.request('setLobby', { enabled: true })).toMatchObject({ ok: true });
    expect((await join(roomId, 'Resquilleur')).reply).toMatchObject({ ok: false, error: { code: 'lobby_required' } });

    const guest = await knocker(roomId, 'Invitée');
    const { waiting } = await host.client.nextNotification('lobbyChanged');
    expect(waiting).toEqual([{ knockId: expect.any(String), displayName: 'Invitée' }]);
    expect(await host.client.request('admit', { knockId: waiting[0]!.knockId })).toMatchObject({ ok: true });
    const { admissionToken } = await guest.client.nextNotification('admitted');
    const { rtpCapabilities } = await guest.client.call('getRouterRtpCapabilities', { roomId });
    expect(
      await guest.client.request('join', { roomId, displayName: 'Invitée', rtpCapabilities, admissionToken }),
    ).toMatchObject({ ok: true });

    const other = await knocker(roomId, 'Refusé');
    const knockId = await knockOf(host.client, 'Refusé');
    expect(await host.client.request('refuse', { knockId })).toMatchObject({ ok: true });
    expect(await other.client.nextNotification('refused')).toEqual({ by: 'Hôte' });
  });

  it("drops a knocker who goes away from the moderators' list", async () => {
    const { roomId, host } = await hosted();
    await host.client.request('setLobby', { enabled: true });
    const guest = await knocker(roomId, 'Pressé');
    await host.client.nextNotification('lobbyChanged');
    await guest.client.close();
    expect(await host.client.nextNotification('lobbyChanged')).toEqual({ waiting: [] });
  });

  it('asks for the password, refuses a wrong one, admits the right one; moderators need none', async () => {
    const { roomId, host } = await hosted();
    expect(await host.client.request('setPassword', { password: 'Sésame 2026' })).toMatchObject({ ok: true });
    expect(await host.client.nextNotification('roomUpdated')).toMatchObject({ room: { hasPassword: true } });
    const { rtpCapabilities } = await host.client.call('getRouterRtpCapabilities', { roomId });
    const guest = await SignalingClient.connect(server.url);
    clients.push(guest);
    const attempt = (password?: string) =>
      guest.request('join', { roomId, displayName: 'Invité', rtpCapabilities, password });
    expect(await attempt()).toMatchObject({ ok: false, error: { code: 'password_required' } });
    expect(await attempt('sesame')).toMatchObject({ ok: false, error: { code: 'password_wrong' } });
    expect(await attempt('Sésame 2026')).toMatchObject({ ok: true });
    expect(
      (await join(roomId, 'Co-hôte', { hostToken: await server.tokens.issueHostToken(roomId) })).reply,
    ).toMatchObject({ ok: true });
  });

  it('refuses lobby and password changes from participants', async () => {
    const { roomId } = await hosted();
    const guest = await join(roomId, 'Invité');
    expect(await guest.client.request('setLobby', { enabled: true })).toMatchObject({ error: { code: 'forbidden' } });
    expect(await guest.client.request('setPassword', { password: 'pirate' })).toMatchObject({
      error: { code: 'forbidden' },
    });
    expect(await guest.client.request('admit', { knockId: 'x' })).toMatchObject({ error: { code: 'forbidden' } });
  });
});

describe('join limits', () => {
  it('refuses an address that joins too often', async () => {
    const limited = await startTestServer({ limits: { joinsPerMinute: 2 } });
    try {
      const roomId = createTestRoom(limited, 'Limites');
      const attempt = async () => {
        const client = await SignalingClient.connect(limited.url);
        clients.push(client);
        const { rtpCapabilities } = await client.call('getRouterRtpCapabilities', { roomId });
        return client.request('join', { roomId, displayName: 'Pressé', rtpCapabilities });
      };
      expect(await attempt()).toMatchObject({ ok: true });
      expect(await attempt()).toMatchObject({ ok: true });
      expect(await attempt()).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    } finally {
      await Promise.all(clients.splice(0).map((client) => client.close()));
      await limited.close();
    }
  });
});

describe('raised hands', () => {
  it('tells everyone who raised a hand and when, keeps the first time, and lowers it', async () => {
    const roomId = newRoom();
    const host = await join(roomId, 'Hôte', { hostToken: await server.tokens.issueHostToken(roomId) });
    const guest = await join(roomId, 'Invitée');
    expect(await guest.client.request('raiseHand', { raised: true })).toMatchObject({ ok: true });
    const first = (await host.client.nextNotification('peerUpdated')).peer;
    expect(first).toMatchObject({ displayName: 'Invitée', handRaisedAt: expect.any(Number) });
    await guest.client.request('raiseHand', { raised: true });
    await guest.client.request('raiseHand', { raised: false });
    const lowered = (await host.client.nextNotification('peerUpdated')).peer;
    expect(lowered.handRaisedAt).toBeNull(); // the second raise changed nothing, so no news of it
  });
});
