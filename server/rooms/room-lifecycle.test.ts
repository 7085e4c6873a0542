/** Rooms and peers on the real mediasoup SFU, driven directly (no sockets). */
import type { Device } from 'mediasoup-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationMap, NotificationMessage, NotificationMethod } from '../../common/signaling';
import { parseConfig } from '../config';
import { createLogger } from '../logger';
import { createMediasoupWorker } from '../media/mediasoup-sfu';
import { WorkerPool } from '../media/worker-pool';
import { SignalingFailure } from '../signaling/failure';
import { createFakeSender, deviceCapabilities, loadFakeDevice, type FakeSender } from '../test-support/fake-media';
import { waitFor } from '../test-support/wait';
import type { Notify, Peer } from './peer';
import { RoomRegistry } from './registry';
import type { Room } from './room';

const log = createLogger('silent');
const config = parseConfig({ port: 0, logLevel: 'silent', media: { workers: 1 } });

let pool: WorkerPool;
let registry: RoomRegistry;
let device: Device;
let roomCounter = 0;

beforeAll(async () => {
  pool = await WorkerPool.create({
    size: 1,
    createWorker: (id) => createMediasoupWorker(id, config.media),
    onWorkerLost: (worker) => registry.handleWorkerLost(worker),
    log,
  });
  registry = new RoomRegistry(pool, log);
  const probe = await registry.getOrCreate('capabilities-probe');
  device = await loadFakeDevice(probe.rtpCapabilities);
  probe.close();
});

afterEach(() => registry.closeAll());

afterAll(() => {
  registry.closeAll();
  pool.close();
});

interface TestPeer {
  peer: Peer;
  /** Every notification this peer received, in order. */
  received: NotificationMessage[];
  evictedFor: string[];
  of<M extends NotificationMethod>(method: M): NotificationMap[M][];
  sender: FakeSender;
}

async function join(room: Room, displayName: string): Promise<TestPeer> {
  const received: NotificationMessage[] = [];
  const evictedFor: string[] = [];
  const notify: Notify = (method, data) => received.push({ type: 'notification', method, data } as NotificationMessage);
  const peer = await room.admit({
    displayName,
    role: 'participant',
    rtpCapabilities: deviceCapabilities(device),
    notify,
    onEvicted: (reason) => evictedFor.push(reason),
  });
  const sender = createFakeSender(device, peer.sendTransport.options, {
    connect: (dtlsParameters) => peer.sendTransport.connect(dtlsParameters),
    produce: ({ kind, source, rtpParameters }) =>
      room.produce(peer, { transportId: peer.sendTransport.id, kind, source, rtpParameters, paused: false }),
  });
  const of = <M extends NotificationMethod>(method: M) =>
    received.filter((n) => n.method === method).map((n) => n.data as NotificationMap[M]);
  return { peer, received, evictedFor, of, sender };
}

function freshRoomId(): string {
  return `room-${++roomCounter}`;
}

async function expectFailure(operation: Promise<unknown>, code: SignalingFailure['code']): Promise<void> {
  const error: unknown = await operation.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SignalingFailure);
  expect((error as SignalingFailure).code).toBe(code);
}

describe('RoomRegistry', () => {
  it('creates a room on the first getOrCreate and reuses it', async () => {
    const id = freshRoomId();
    const room = await registry.getOrCreate(id);
    expect(room.id).toBe(id);
    expect(room.isClosed).toBe(false);
    expect(registry.stats().rooms).toBe(1);
    expect(await registry.getOrCreate(id)).toBe(room);
    expect(registry.stats().rooms).toBe(1);
    expect(pool.roomsOn(room.worker)).toBe(1);
  });

  it('gives two concurrent first joiners the same room', async () => {
    const id = freshRoomId();
    const [a, b] = await Promise.all([registry.getOrCreate(id), registry.getOrCreate(id)]);
    expect(a).toBe(b);
    expect(registry.stats().rooms).toBe(1);
  });
});

describe('Room', () => {
  it('tells earlier peers about a newcomer', async () => {
    const room = await registry.getOrCreate(freshRoomId());
    const alice = await join(room, 'Alice');
    const bob = await join(room, 'Bob');
    expect(alice.of('peerJoined')).toEqual([
      {
        peer: {
          peerId: bob.peer.id,
          displayName: 'Bob',
          role: 'participant',
          participantId: bob.peer.participantId,
          handRaisedAt: null,
        },
      },
    ]);
    expect(bob.of('peerJoined')).toEqual([]);
    expect(room.otherPeers(bob.peer)).toEqual([alice.peer]);
    expect(registry.stats()).toEqual({ rooms: 1, peers: 2 });
  });

  it('relays a producer to the other peer, then its pause, resume and close', async () => {
    const room = await registry.getOrCreate(freshRoomId());
    const alice = await join(room, 'Alice');
    const bob = await join(room, 'Bob');

    const producerId = await bob.sender.produce('microphone');
    expect(bob.peer.producers.get(producerId)?.source).toBe('microphone');
    const [consumer] = alice.of('newConsumer');
    expect(consumer).toMatchObject({
      producerId,
      peerId: bob.peer.id,
      kind: 'audio',
      source: 'microphone',
      producerPaused: false,
    });
    expect(consumer?.rtpParameters.codecs[0]?.mimeType).toBe('audio/opus');
    const consumerId = consumer?.consumerId ?? '';
    expect(alice.peer.consumers.has(consumerId)).toBe(true);
    expect(bob.of('newConsumer')).toEqual([]); // nobody consumes their own media

    await bob.peer.producer(producerId).producer.pause();
    await waitFor(() => alice.of('consumerPaused').length > 0, 2000, 'consumerPaused');
    expect(alice.of('consumerPaused')).toEqual([{ consumerId }]);

    await bob.peer.producer(producerId).producer.resume();
    await waitFor(() => alice.of('consumerResumed').length > 0, 2000, 'consumerResumed');
    expect(alice.of('consumerResumed')).toEqual([{ consumerId }]);

    room.closeProducer(bob.peer, producerId);
    expect(bob.peer.producers.size).toBe(0);
    await waitFor(() => alice.of('consumerClosed').length > 0, 2000, 'consumerClosed');
    expect(alice.of('consumerClosed')).toEqual([{ consumerId }]);
    expect(alice.peer.consumers.size).toBe(0);
  });

  it('gives a newcomer consumers for media already flowing, paused state included', async () => {
    const room = await registry.getOrCreate(freshRoomId());
    const alice = await join(room, 'Alice');
    const producerId = await alice.sender.produce('microphone');
    await alice.peer.producer(producerId).producer.pause();
    const bob = await join(room, 'Bob');
    await room.consumeExisting(bob.peer);
    expect(bob.of('newConsumer')).toEqual([
      expect.objectContaining({ producerId, peerId: alice.peer.id, producerPaused: true }),
    ]);
  });

  it('on removal tells the others, closes the consumers of its media, and closes the room after the last one', async () => {
    const id = freshRoomId();
    const room = await registry.getOrCreate(id);
    const alice = await join(room, 'Alice');
    const bob = await join(room, 'Bob');
    await bob.sender.produce('microphone');
    await alice.sender.produce('microphone');
    const aliceConsumerId = alice.of('newConsumer')[0]?.consumerId;
    expect(aliceConsumerId).toBeDefined();
    expect(bob.peer.consumers.size).toBe(1);

    room.remove(bob.peer);
    expect(alice.of('peerLeft')).toEqual([{ peerId: bob.peer.id }]);
    await waitFor(() => alice.of('consumerClosed').length > 0, 2000, 'consumerClosed after removal');
    expect(alice.of('consumerClosed')).toEqual([{ consumerId: aliceConsumerId }]);
    expect(alice.peer.consumers.size).toBe(0);
    expect(bob.peer.consumers.size).toBe(0);
    expect(room.peers.has(bob.peer.id)).toBe(false);
    expect(room.isClosed).toBe(false);

    room.remove(alice.peer);
    expect(room.isClosed).toBe(true);
    expect(registry.stats()).toEqual({ rooms: 0, peers: 0 });
    expect(pool.roomsOn(room.worker)).toBe(0);
    const reopened = await registry.getOrCreate(id);
    expect(reopened).not.toBe(room);
  });

  it('refuses a producer whose kind does not match its source (invalid_data)', async () => {
    const room = await registry.getOrCreate(freshRoomId());
    const alice = await join(room, 'Alice');
    const rtpParameters = {
      codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }],
      encodings: [{ ssrc: 1111 }],
    };
    const request = { transportId: alice.peer.sendTransport.id, rtpParameters, paused: false };
    await expectFailure(room.produce(alice.peer, { ...request, kind: 'video', source: 'microphone' }), 'invalid_data');
    await expectFailure(room.produce(alice.peer, { ...request, kind: 'audio', source: 'camera' }), 'invalid_data');
    await expectFailure(
      room.produce(alice.peer, {
        ...request,
        transportId: alice.peer.recvTransport.id,
        kind: 'audio',
        source: 'microphone',
      }),
      'not_found',
    );
    expect(alice.peer.producers.size).toBe(0);
  });

  it('refuses a second microphone producer (wrong_state)', async () => {
    const room = await registry.getOrCreate(freshRoomId());
    const alice = await join(room, 'Alice');
    await alice.sender.produce('microphone');
    const rtpParameters = alice.sender.sentRtpParameters[0];
    expect(rtpParameters).toBeDefined();
    await expectFailure(
      room.produce(alice.peer, {
        transportId: alice.peer.sendTransport.id,
        kind: 'audio',
        source: 'microphone',
        rtpParameters: {
          ...rtpParameters,
          codecs: rtpParameters?.codecs ?? [],
          encodings: [{ ssrc: 2222 }],
          mid: 'other',
        },
        paused: false,
      }),
      'wrong_state',
    );
    expect(alice.peer.producers.size).toBe(1);
  });

  it('evictAll asks every peer to rejoin and closes the room', async () => {
    const room = await registry.getOrCreate(freshRoomId());
    const alice = await join(room, 'Alice');
    const bob = await join(room, 'Bob');
    room.evictAll('media server restarted');
    for (const p of [alice, bob]) {
      expect(p.of('rejoinRequired')).toEqual([{ reason: 'media server restarted' }]);
      expect(p.evictedFor).toEqual(['media server restarted']);
    }
    expect(room.isClosed).toBe(true);
    expect(registry.stats()).toEqual({ rooms: 0, peers: 0 });
    await expect(
      room.admit({
        displayName: 'Late',
        role: 'participant',
        rtpCapabilities: deviceCapabilities(device),
        notify: () => {},
        onEvicted: () => {},
      }),
    ).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('a lost worker evicts the peers of the rooms it hosted', async () => {
    const room = await registry.getOrCreate(freshRoomId());
    const alice = await join(room, 'Alice');
    registry.handleWorkerLost(room.worker);
    expect(alice.of('rejoinRequired')).toHaveLength(1);
    expect(room.isClosed).toBe(true);
  });
});
