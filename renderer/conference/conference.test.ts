import { FakeMediaStreamTrack } from 'fake-mediastreamtrack';
import { Device, FakeHandler, testFakeParameters } from 'mediasoup-client';
import { afterEach, describe, expect, it } from 'vitest';
import { Conference, type ConferenceEvents } from './conference';
import { SignalingClient } from './signaling-client';
import { FakeServerSocket, type Responder } from './testing/fake-server-socket';

function happyServer(): Partial<Record<string, Responder>> {
  let producers = 0;
  return {
    getRouterRtpCapabilities: () => ({
      ok: true,
      data: { rtpCapabilities: testFakeParameters.generateRouterRtpCapabilities() },
    }),
    join: () => ({
      ok: true,
      data: {
        peerId: 'self-1',
        peers: [{ peerId: 'bob', displayName: 'Bob', role: 'participant' }],
        sendTransport: testFakeParameters.generateTransportRemoteParameters(),
        recvTransport: testFakeParameters.generateTransportRemoteParameters(),
      },
    }),
    produce: () => ({ ok: true, data: { producerId: `producer-${++producers}` } }),
  };
}

interface Harness {
  conference: Conference;
  sockets: FakeServerSocket[];
  events: Array<{ event: keyof ConferenceEvents; payload: unknown }>;
}

function createHarness(responders = happyServer()): Harness {
  const sockets: FakeServerSocket[] = [];
  const conference = new Conference({
    signalingUrl: 'ws://test/ws',
    connect: (url) =>
      SignalingClient.connect(url, {
        requestTimeoutMs: 1000,
        createSocket: () => {
          const socket = new FakeServerSocket(responders);
          sockets.push(socket);
          return socket as unknown as WebSocket;
        },
      }),
    createDevice: () => new Device({ handlerFactory: FakeHandler.createFactory(testFakeParameters) }),
    reconnectDelaysMs: [10, 10],
  });
  const events: Harness['events'] = [];
  for (const event of [
    'state',
    'joined',
    'peerJoined',
    'peerLeft',
    'mediaAdded',
    'mediaRemoved',
    'mediaPaused',
    'activeSpeaker',
    'published',
  ] as const) {
    conference.on(event, (payload) => events.push({ event, payload }));
  }
  return { conference, sockets, events };
}

const track = (kind: 'audio' | 'video') => new FakeMediaStreamTrack({ kind }) as unknown as MediaStreamTrack;

const joinOptions = (overrides: Partial<Parameters<Conference['join']>[0]> = {}) => ({
  roomId: 'team',
  displayName: 'Alice',
  microphone: track('audio'),
  camera: track('video'),
  microphoneMuted: false,
  ...overrides,
});

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

let harness: Harness;
afterEach(async () => {
  await harness?.conference.leave();
});

describe('Conference', () => {
  it('joins with one join request after prepare, then sends microphone and camera', async () => {
    harness = createHarness();
    await harness.conference.prepare('team');
    await harness.conference.join(joinOptions());
    const socket = harness.sockets[0]!;
    expect(socket.methods().slice(0, 2)).toEqual(['getRouterRtpCapabilities', 'join']);
    const produced = socket.requests
      .filter((r) => r.method === 'produce')
      .map((r) => [r.data.source, r.data.kind, r.data.paused]);
    expect(produced).toEqual(
      expect.arrayContaining([
        ['microphone', 'audio', false],
        ['camera', 'video', false],
      ]),
    );
    expect(harness.events.find((e) => e.event === 'joined')?.payload).toEqual({
      selfPeerId: 'self-1',
      peers: [{ peerId: 'bob', displayName: 'Bob', role: 'participant' }],
    });
    expect(harness.conference.currentState).toBe('joined');
  });

  it('sends the microphone paused when joining muted, and pauses/resumes it on the server', async () => {
    harness = createHarness();
    await harness.conference.join(joinOptions({ microphoneMuted: true, camera: null }));
    const socket = harness.sockets[0]!;
    expect(socket.requests.find((r) => r.method === 'produce')?.data).toMatchObject({
      source: 'microphone',
      paused: true,
    });
    await harness.conference.setMicrophoneMuted(false);
    await harness.conference.setMicrophoneMuted(true);
    expect(socket.methods().filter((m) => m.endsWith('Producer'))).toEqual(['resumeProducer', 'pauseProducer']);
  });

  it('receives media announced right after the join reply, and resumes each consumer', async () => {
    harness = createHarness();
    const consumer = testFakeParameters.generateConsumerRemoteParameters({ codecMimeType: 'video/VP8' });
    await harness.conference.prepare('team');
    harness.sockets[0]!.onAfterReply('join', () =>
      harness.sockets[0]!.notify('newConsumer', {
        consumerId: consumer.id,
        producerId: consumer.producerId,
        peerId: 'bob',
        kind: 'video',
        source: 'camera',
        rtpParameters: consumer.rtpParameters as never,
        producerPaused: false,
      }),
    );
    await harness.conference.join(joinOptions());
    await until(() => harness.sockets[0]!.methods().includes('resumeConsumer'), 'resumeConsumer');
    expect(harness.events.find((e) => e.event === 'mediaAdded')?.payload).toEqual({
      consumerId: consumer.id,
      peerId: 'bob',
      kind: 'video',
      source: 'camera',
      paused: false,
    });
    expect(harness.conference.remoteTrack(consumer.id)?.kind).toBe('video');

    harness.sockets[0]!.notify('consumerPaused', { consumerId: consumer.id });
    harness.sockets[0]!.notify('consumerClosed', { consumerId: consumer.id });
    expect(
      harness.events.filter((e) => e.event === 'mediaPaused' || e.event === 'mediaRemoved').map((e) => e.payload),
    ).toEqual([{ consumerId: consumer.id, paused: true }, { consumerId: consumer.id }]);
    expect(harness.conference.remoteTrack(consumer.id)).toBeUndefined();
  });

  it('turning the camera off closes its producer on the server', async () => {
    harness = createHarness();
    await harness.conference.join(joinOptions());
    await harness.conference.unpublish('camera');
    const socket = harness.sockets[0]!;
    const cameraProducer =
      socket.requests.filter((r) => r.method === 'produce').findIndex((r) => r.data.source === 'camera') + 1;
    expect(socket.requests.at(-1)).toEqual({
      method: 'closeProducer',
      data: { producerId: `producer-${cameraProducer}` },
    });
    expect(harness.events.at(-1)).toEqual({
      event: 'published',
      payload: { source: 'camera', published: false, paused: false },
    });
  });

  it('reports a refused join as failed with the server code', async () => {
    harness = createHarness({
      ...happyServer(),
      join: () => ({ ok: false, code: 'unavailable', message: 'no worker' }),
    });
    await expect(harness.conference.join(joinOptions())).rejects.toThrow('no worker');
    expect(harness.events.filter((e) => e.event === 'state').map((e) => e.payload)).toEqual([
      { state: 'joining', reason: undefined },
      { state: 'failed', reason: 'unavailable' },
    ]);
  });

  it('rejoins on a new connection when the socket drops, republishing the same media', async () => {
    harness = createHarness();
    await harness.conference.join(joinOptions({ microphoneMuted: true }));
    harness.sockets[0]!.drop();
    await until(() => harness.conference.currentState === 'joined' && harness.sockets.length === 2, 'rejoin');
    const states = harness.events.filter((e) => e.event === 'state').map((e) => (e.payload as { state: string }).state);
    expect(states).toEqual(['joining', 'joined', 'reconnecting', 'joined']);
    const second = harness.sockets[1]!;
    expect(second.methods()).toEqual(
      expect.arrayContaining(['getRouterRtpCapabilities', 'join', 'produce', 'produce']),
    );
    expect(second.requests.find((r) => r.data.source === 'microphone')?.data.paused).toBe(true);
  });

  it('rejoins on the same connection when the server asks (its media worker restarted)', async () => {
    harness = createHarness();
    await harness.conference.join(joinOptions());
    harness.sockets[0]!.notify('rejoinRequired', { reason: 'media server restarted' });
    await until(() => harness.sockets[0]!.methods().filter((m) => m === 'join').length === 2, 'second join');
    await until(() => harness.conference.currentState === 'joined', 'joined again');
    expect(harness.sockets).toHaveLength(1);
  });

  it('gives up after the bounded reconnection attempts', async () => {
    let refuseJoins = false;
    const server = happyServer();
    const join = server.join!;
    harness = createHarness({
      ...server,
      join: (data) => (refuseJoins ? { ok: false, code: 'unavailable', message: 'room cannot be served' } : join(data)),
    });
    await harness.conference.join(joinOptions());
    refuseJoins = true;
    harness.sockets[0]!.drop();
    await until(() => harness.conference.currentState === 'failed', 'failure');
    // One join per configured attempt (two), each on a fresh connection after the drop.
    const joinsAfterDrop = harness.sockets
      .slice(1)
      .flatMap((socket) => socket.methods())
      .filter((m) => m === 'join');
    expect(joinsAfterDrop).toHaveLength(2);
  });

  it('leaving while the join is in flight ends in left, not failed', async () => {
    harness = createHarness();
    await harness.conference.prepare('team');
    const joining = harness.conference.join(joinOptions());
    await harness.conference.leave();
    await expect(joining).resolves.toBeUndefined();
    const states = harness.events.filter((e) => e.event === 'state').map((e) => (e.payload as { state: string }).state);
    expect(states).toEqual(['joining', 'left']);
    expect(harness.conference.currentState).toBe('left');
  });

  it('waits in the lobby when asked, then joins with the admission token', async () => {
    let joins = 0;
    const server = happyServer();
    harness = createHarness({
      ...server,
      join: (data) =>
        ++joins === 1
          ? { ok: false, code: 'lobby_required', message: 'knock first' }
          : data.admissionToken === 'let-in'
            ? server.join!(data)
            : { ok: false, code: 'lobby_required', message: 'no token' },
      knock: () => ({ ok: true, data: { knockId: 'k1' } }),
    });
    await harness.conference.prepare('team');
    const joining = harness.conference.join(joinOptions());
    await until(() => harness.sockets[0]!.methods().includes('knock'), 'the knock');
    expect(harness.conference.currentState).toBe('waiting');
    harness.sockets[0]!.notify('admitted', { admissionToken: 'let-in' });
    await joining;
    expect(harness.conference.currentState).toBe('joined');
  });

  it('reports a refused knock as failed with reason refused', async () => {
    harness = createHarness({
      ...happyServer(),
      join: () => ({ ok: false, code: 'lobby_required', message: 'knock first' }),
      knock: () => ({ ok: true, data: { knockId: 'k1' } }),
    });
    await harness.conference.prepare('team');
    const joining = harness.conference.join(joinOptions());
    await until(() => harness.sockets[0]!.methods().includes('knock'), 'the knock');
    harness.sockets[0]!.notify('refused', { by: 'Marie' });
    await expect(joining).rejects.toMatchObject({ code: 'refused' });
    expect(harness.conference.currentState).toBe('failed');
  });
});
