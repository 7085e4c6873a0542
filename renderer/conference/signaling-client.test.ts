import { describe, expect, it } from 'vitest';
import { SignalingClient, SignalingRequestError } from './signaling-client';
import { FakeServerSocket } from './testing/fake-server-socket';

function connect(socket: FakeServerSocket, requestTimeoutMs = 1000) {
  return SignalingClient.connect('ws://test/ws', {
    requestTimeoutMs,
    createSocket: () => socket as unknown as WebSocket,
  });
}

describe('SignalingClient', () => {
  it('matches replies to requests and turns error replies into typed errors', async () => {
    const socket = new FakeServerSocket({
      getRouterRtpCapabilities: () => ({ ok: true, data: { rtpCapabilities: { codecs: [] } } }),
      join: () => ({ ok: false, code: 'wrong_state', message: 'already in a room' }),
    });
    const client = await connect(socket);
    await expect(client.request('getRouterRtpCapabilities', { roomId: 'a' })).resolves.toEqual({
      rtpCapabilities: { codecs: [] },
    });
    const refused = client.request('join', { roomId: 'a', displayName: 'x', rtpCapabilities: { codecs: [] } });
    await expect(refused).rejects.toMatchObject({ name: 'SignalingRequestError', code: 'wrong_state' });
  });

  it('times out a request the server never answers', async () => {
    const socket = new FakeServerSocket({});
    socket.send = () => undefined; // a server that swallows requests
    const client = await connect(socket, 50);
    await expect(client.request('leave', {})).rejects.toMatchObject({ code: 'timeout' });
  });

  it('fails pending and later requests once the socket closes, and says so once', async () => {
    const socket = new FakeServerSocket({});
    socket.send = () => undefined;
    const client = await connect(socket);
    const closed: number[] = [];
    client.on('closed', ({ code }) => closed.push(code));
    const pending = client.request('leave', {});
    socket.drop();
    socket.drop();
    await expect(pending).rejects.toMatchObject({ code: 'closed' });
    await expect(client.request('leave', {})).rejects.toBeInstanceOf(SignalingRequestError);
    expect(closed).toEqual([1006]);
    expect(client.isOpen).toBe(false);
  });

  it('delivers notifications by name and ignores frames that are not JSON', async () => {
    const socket = new FakeServerSocket({});
    const client = await connect(socket);
    const speakers: Array<string | null> = [];
    client.on('activeSpeaker', ({ peerId }) => speakers.push(peerId));
    socket.dispatchEvent(Object.assign(new Event('message'), { data: 'garbage' }));
    socket.notify('activeSpeaker', { peerId: 'p1' });
    socket.notify('activeSpeaker', { peerId: null });
    expect(speakers).toEqual(['p1', null]);
  });
});
