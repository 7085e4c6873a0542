/** The signaling protocol end to end: a real server, the real SFU, real `ws` clients. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_FRAME_BYTES,
  MAX_MESSAGE_BYTES,
  requestMethods,
  requestSchemas,
  type ErrorCode,
  type RequestData,
  type RequestMethod,
  type ResponseMessage,
} from '../../common/signaling';
import { createWebconfServer, type WebconfServer } from '../app';
import { parseConfig } from '../config';
import { createLogger } from '../logger';
import { createFakeSender, deviceCapabilities, loadFakeDevice } from '../test-support/fake-media';
import { SignalingClient, signalingUrl } from '../test-support/signaling-client';
import { withTimeout } from '../test-support/wait';

let server: WebconfServer;
let staticDir: string;
const clients: SignalingClient[] = [];
let roomCounter = 0;

beforeAll(async () => {
  staticDir = mkdtempSync(path.join(tmpdir(), 'webconf-signaling-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>');
  const config = parseConfig({ port: 0, logLevel: 'silent', staticDir, database: ':memory:', media: { workers: 1 } });
  server = await createWebconfServer(config, createLogger('silent'));
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

afterAll(async () => {
  await server.close();
  rmSync(staticDir, { recursive: true, force: true });
});

async function open(options: { origin?: string } = {}): Promise<SignalingClient> {
  const client = await SignalingClient.connect(server.url, options);
  clients.push(client);
  return client;
}

/** A room created as an agent on a trusted network would (the API is tested on its own). */
function freshRoomId(): string {
  return server.directory.create(`Signaling ${++roomCounter}`, { kind: 'network', id: '127.0.0.1', name: null }).id;
}

function errorOf(response: ResponseMessage): { id: number | null; code: ErrorCode; message: string } {
  if (response.ok) throw new Error(`expected an error reply, got ${JSON.stringify(response.data)}`);
  return { id: response.id, ...response.error };
}

/** A client in a room, with a fake browser able to send media through the real SFU. */
async function joinRoom(client: SignalingClient, roomId: string, displayName: string) {
  const { rtpCapabilities } = await client.call('getRouterRtpCapabilities', { roomId });
  const device = await loadFakeDevice(rtpCapabilities);
  const rtpCaps = deviceCapabilities(device) as RequestData<'join'>['rtpCapabilities'];
  const joined = await client.call('join', { roomId, displayName, rtpCapabilities: rtpCaps });
  const transportId = joined.sendTransport.id;
  const sender = createFakeSender(device, joined.sendTransport, {
    connect: async (dtls) => {
      const dtlsParameters = dtls as RequestData<'connectTransport'>['dtlsParameters'];
      await client.call('connectTransport', { transportId, dtlsParameters });
    },
    produce: async ({ kind, source, rtpParameters }) =>
      (await client.call('produce', { transportId, kind, source, rtpParameters })).producerId,
  });
  return { joined, sender };
}

const fakeDtls = {
  role: 'client' as const,
  fingerprints: [
    {
      algorithm: 'sha-256',
      value: '82:5A:68:3D:36:C3:0A:DE:AF:E7:32:43:D2:88:83:57:AC:2D:65:E5:80:C4:B6:FB:AF:1A:A0:21:9F:6D:0C:AD',
    },
  ],
};

/** Data each method's schema accepts (the state check comes after). */
const wellFormed: { [M in RequestMethod]: RequestData<M> } = {
  getRouterRtpCapabilities: { roomId: 'some-room' },
  join: { roomId: 'some-room', displayName: 'Alice', rtpCapabilities: { codecs: [] } },
  connectTransport: { transportId: 'transport-1', dtlsParameters: fakeDtls },
  produce: {
    transportId: 'transport-1',
    kind: 'audio',
    source: 'microphone',
    rtpParameters: { codecs: [{ mimeType: 'audio/opus' }] },
  },
  closeProducer: { producerId: 'producer-1' },
  pauseProducer: { producerId: 'producer-1' },
  resumeProducer: { producerId: 'producer-1' },
  resumeConsumer: { consumerId: 'consumer-1' },
  setConsumerPreferredLayers: { consumerId: 'consumer-1', spatialLayer: 1 },
  restartIce: { transportId: 'transport-1' },
  leave: {},
  promote: { peerId: 'peer-1' },
  muteParticipant: { peerId: 'peer-1', source: 'microphone' },
  removeParticipant: { peerId: 'peer-1', reason: 'hors sujet' },
  lockRoom: { locked: true },
  endMeeting: {},
  knock: { roomId: 'some-room', displayName: 'Alice' },
  setLobby: { enabled: true },
  setPassword: { password: 'sesame' },
  admit: { knockId: 'knock-1' },
  refuse: { knockId: 'knock-1' },
  sendChat: { text: 'Bonjour à tous' },
  raiseHand: { raised: true },
  setNotesReadOnly: { readOnly: true },
  presentationStart: { presentationId: 'presentation-1' },
  presentationPage: { page: 2 },
  presentationStop: {},
};

/** Data each method's schema refuses. */
const invalid: Record<RequestMethod, unknown> = {
  getRouterRtpCapabilities: { roomId: 'Not A Room!' },
  join: { roomId: 'some-room', displayName: '   ', rtpCapabilities: { codecs: [] } },
  connectTransport: { transportId: 'transport-1', dtlsParameters: { fingerprints: [] } },
  produce: { ...wellFormed.produce, kind: 'text' },
  closeProducer: { producerId: '' },
  pauseProducer: { producerId: 42 },
  resumeProducer: {},
  resumeConsumer: { consumerId: 'consumer-1', extra: true },
  setConsumerPreferredLayers: { consumerId: 'consumer-1', spatialLayer: 3 },
  restartIce: { transportId: 'x'.repeat(129) },
  leave: { now: true },
  promote: {},
  muteParticipant: { peerId: 'peer-1', source: 'screen' },
  removeParticipant: { peerId: 'peer-1', reason: 'x'.repeat(201) },
  lockRoom: { locked: 'yes' },
  endMeeting: { everyone: true },
  knock: { roomId: 'some-room', displayName: '' },
  setLobby: {},
  setPassword: { password: 'abc' },
  admit: { knockId: 7 },
  refuse: {},
  sendChat: { text: 'x'.repeat(2001) },
  raiseHand: { raised: 'yes' },
  setNotesReadOnly: {},
  presentationStart: {},
  presentationPage: { page: 0 },
  presentationStop: { now: true },
};

describe('request validation', () => {
  it('has test data for every method, accepted and refused by its schema', () => {
    for (const method of requestMethods) {
      expect(requestSchemas[method].safeParse(wellFormed[method]).success, method).toBe(true);
      expect(requestSchemas[method].safeParse(invalid[method]).success, method).toBe(false);
    }
  });

  it.each(requestMethods)('%s: invalid data → invalid_data, with the request id echoed', async (method) => {
    const client = await open();
    const response = await client.request(method, invalid[method]);
    const error = errorOf(response);
    expect(error.code).toBe('invalid_data');
    expect(error.id).toEqual(expect.any(Number));
    expect(error.message).toContain(method);
  });
});

describe('request state', () => {
  // Entering a room (or its lobby) is the way in; everything else needs to be in.
  const needJoin = requestMethods.filter((m) => !['getRouterRtpCapabilities', 'join', 'knock'].includes(m));

  it.each(needJoin)('%s before join → wrong_state', async (method) => {
    const client = await open();
    expect(errorOf(await client.request(method, wellFormed[method])).code).toBe('wrong_state');
  });

  it('join twice → wrong_state, and the first membership stays', async () => {
    const client = await open();
    const roomId = freshRoomId();
    const { joined } = await joinRoom(client, roomId, 'Alice');
    const again = await client.request('join', { roomId, displayName: 'Alice', rtpCapabilities: { codecs: [] } });
    expect(errorOf(again).code).toBe('wrong_state');
    expect((await client.call('restartIce', { transportId: joined.recvTransport.id })).iceParameters).toBeDefined();
  });
});

describe('valid requests', () => {
  it('getRouterRtpCapabilities returns the router codecs', async () => {
    const client = await open();
    const { rtpCapabilities } = await client.call('getRouterRtpCapabilities', { roomId: freshRoomId() });
    const mimeTypes = (rtpCapabilities.codecs ?? []).map((codec) => codec.mimeType);
    expect(mimeTypes).toEqual(expect.arrayContaining(['audio/opus', 'video/VP8', 'video/H264']));
  });

  it('join returns both transports with SCTP parameters, and announces the newcomer', async () => {
    const roomId = freshRoomId();
    const alice = await open();
    const bob = await open();
    const a = await joinRoom(alice, roomId, 'Alice');
    expect(a.joined.peers).toEqual([]);
    for (const transport of [a.joined.sendTransport, a.joined.recvTransport]) {
      expect(transport.iceParameters).toHaveProperty('usernameFragment');
      expect(transport.iceCandidates.length).toBeGreaterThan(0);
      expect(transport.dtlsParameters).toHaveProperty('fingerprints');
      expect(transport.sctpParameters).toMatchObject({ port: expect.any(Number), MIS: 1024, OS: 1024 });
    }
    expect(a.joined.sendTransport.id).not.toBe(a.joined.recvTransport.id);

    const b = await joinRoom(bob, roomId, '  Bob \t Smith ');
    expect(b.joined.peers).toEqual([
      {
        peerId: a.joined.peerId,
        displayName: 'Alice',
        role: 'participant',
        participantId: expect.any(String),
        handRaisedAt: null,
      },
    ]);
    expect(await alice.nextNotification('peerJoined')).toEqual({
      peer: {
        peerId: b.joined.peerId,
        displayName: 'Bob Smith',
        role: 'participant',
        participantId: expect.any(String),
        handRaisedAt: null,
      },
    });
  });

  it('connectTransport and restartIce work on own transports only', async () => {
    const roomId = freshRoomId();
    const alice = await open();
    const bob = await open();
    const a = await joinRoom(alice, roomId, 'Alice');
    const b = await joinRoom(bob, roomId, 'Bob');
    const recvId = a.joined.recvTransport.id;

    expect(await alice.call('connectTransport', { transportId: recvId, dtlsParameters: fakeDtls })).toEqual({});
    const { iceParameters } = await alice.call('restartIce', { transportId: a.joined.sendTransport.id });
    expect(iceParameters).toHaveProperty('usernameFragment');
    expect(iceParameters.password).not.toBe(a.joined.sendTransport.iceParameters.password);

    const foreign = await alice.request('restartIce', { transportId: b.joined.sendTransport.id });
    expect(errorOf(foreign).code).toBe('not_found');
    const foreignConnect = await alice.request('connectTransport', {
      transportId: b.joined.recvTransport.id,
      dtlsParameters: fakeDtls,
    });
    expect(errorOf(foreignConnect).code).toBe('not_found');
  });

  it('a second connectTransport on the same transport is a client error, not internal', async () => {
    const alice = await open();
    const a = await joinRoom(alice, freshRoomId(), 'Alice');
    const request = { transportId: a.joined.recvTransport.id, dtlsParameters: fakeDtls };
    expect(await alice.call('connectTransport', request)).toEqual({});
    expect(errorOf(await alice.request('connectTransport', request)).code).not.toBe('internal');
  });

  it('produce, then pause, resume and close the producer; the other peer consumes and follows', async () => {
    const roomId = freshRoomId();
    const alice = await open();
    const bob = await open();
    const a = await joinRoom(alice, roomId, 'Alice');
    await joinRoom(bob, roomId, 'Bob');

    const producerId = await a.sender.produce('microphone');
    const consumer = await bob.nextNotification('newConsumer');
    expect(consumer).toMatchObject({
      producerId,
      peerId: a.joined.peerId,
      kind: 'audio',
      source: 'microphone',
      producerPaused: false,
    });
    const { consumerId } = consumer;
    expect(await bob.call('resumeConsumer', { consumerId })).toEqual({});
    expect(await bob.call('setConsumerPreferredLayers', { consumerId, spatialLayer: 0 })).toEqual({});

    expect(await alice.call('pauseProducer', { producerId })).toEqual({});
    expect(await bob.nextNotification('consumerPaused')).toEqual({ consumerId });
    expect(await alice.call('resumeProducer', { producerId })).toEqual({});
    expect(await bob.nextNotification('consumerResumed')).toEqual({ consumerId });
    expect(await alice.call('closeProducer', { producerId })).toEqual({});
    expect(await bob.nextNotification('consumerClosed')).toEqual({ consumerId });

    expect(errorOf(await alice.request('pauseProducer', { producerId })).code).toBe('not_found');
    expect(errorOf(await bob.request('resumeConsumer', { consumerId })).code).toBe('not_found');
    // Another peer's producer is not yours to pause.
    const again = await a.sender.produce('microphone');
    expect(errorOf(await bob.request('pauseProducer', { producerId: again })).code).toBe('not_found');
  });

  it('setConsumerPreferredLayers on a simulcast camera consumer', async () => {
    const roomId = freshRoomId();
    const alice = await open();
    const bob = await open();
    const a = await joinRoom(alice, roomId, 'Alice');
    await joinRoom(bob, roomId, 'Bob');
    await a.sender.produce('camera', { simulcast: true });
    const consumer = await bob.nextNotification('newConsumer');
    expect(consumer).toMatchObject({ kind: 'video', source: 'camera' });
    const { consumerId } = consumer;
    expect(await bob.call('setConsumerPreferredLayers', { consumerId, spatialLayer: 1, temporalLayer: 0 })).toEqual({});
    expect(await bob.call('resumeConsumer', { consumerId })).toEqual({});
  });

  it('produce with mismatched kind and source → invalid_data; a second microphone → wrong_state', async () => {
    const alice = await open();
    const a = await joinRoom(alice, freshRoomId(), 'Alice');
    await a.sender.produce('microphone');
    const rtpParameters = a.sender.sentRtpParameters[0] ?? { codecs: [] };
    const base = { transportId: a.joined.sendTransport.id, rtpParameters };
    expect(errorOf(await alice.request('produce', { ...base, kind: 'video', source: 'microphone' })).code).toBe(
      'invalid_data',
    );
    expect(errorOf(await alice.request('produce', { ...base, kind: 'audio', source: 'microphone' })).code).toBe(
      'wrong_state',
    );
  });

  it('leave tells the others; the client may then join again', async () => {
    const roomId = freshRoomId();
    const alice = await open();
    const bob = await open();
    const a = await joinRoom(alice, roomId, 'Alice');
    await joinRoom(bob, roomId, 'Bob');

    expect(await alice.call('leave', {})).toEqual({});
    expect(await bob.nextNotification('peerLeft')).toEqual({ peerId: a.joined.peerId });
    expect(errorOf(await alice.request('restartIce', { transportId: a.joined.sendTransport.id })).code).toBe(
      'wrong_state',
    );

    const rejoined = await joinRoom(alice, roomId, 'Alice');
    expect(rejoined.joined.peerId).not.toBe(a.joined.peerId);
    expect(rejoined.joined.peers).toHaveLength(1);
  });
});

describe('protocol robustness', () => {
  it('malformed JSON → bad_json with id null', async () => {
    const client = await open();
    client.sendRaw('{"type":"request","id":1,');
    expect(errorOf(await client.nextResponse(null))).toMatchObject({ id: null, code: 'bad_json' });
  });

  it('a broken envelope → bad_json, echoing a usable id', async () => {
    const client = await open();
    client.sendRaw(JSON.stringify({ type: 'request', id: 77, method: 'leave', extra: 1 }));
    expect(errorOf(await client.nextResponse(77))).toMatchObject({ id: 77, code: 'bad_json' });
  });

  it('an unknown method → unknown_method', async () => {
    const client = await open();
    const error = errorOf(await client.request('teleport', {}));
    expect(error.code).toBe('unknown_method');
    expect(error.message).toContain('teleport');
  });

  it('a binary frame → bad_json', async () => {
    const client = await open();
    client.sendRaw(Buffer.from(JSON.stringify({ type: 'request', id: 5, method: 'leave', data: {} })), true);
    expect(errorOf(await client.nextResponse(null)).code).toBe('bad_json');
    expect(client.isOpen).toBe(true);
  });

  it('a 100 KB message → too_large, and the socket keeps working', async () => {
    const client = await open();
    const size = 100 * 1024;
    expect(size).toBeGreaterThan(MAX_MESSAGE_BYTES);
    client.sendRaw(JSON.stringify({ type: 'request', id: 9, method: 'leave', data: { pad: 'x'.repeat(size) } }));
    expect(errorOf(await client.nextResponse(null)).code).toBe('too_large');
    expect(client.isOpen).toBe(true);
    const { rtpCapabilities } = await client.call('getRouterRtpCapabilities', { roomId: freshRoomId() });
    expect(rtpCapabilities.codecs?.length).toBeGreaterThan(0);
  });

  it('a 2 MB message closes that socket with 1009; the server keeps serving others', async () => {
    const roomId = freshRoomId();
    const big = await open();
    const other = await open();
    const b = await joinRoom(big, roomId, 'Big');
    await joinRoom(other, roomId, 'Other');

    const size = 2 * 1024 * 1024;
    expect(size).toBeGreaterThan(MAX_FRAME_BYTES);
    big.sendRaw('x'.repeat(size));
    const { code } = await withTimeout(big.closed, 3000, 'the oversized socket to close');
    expect(code).toBe(1009);
    expect(await other.nextNotification('peerLeft', 2000)).toEqual({ peerId: b.joined.peerId });

    const health = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(3000) });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', workers: 1 });
    const { rtpCapabilities } = await other.call('getRouterRtpCapabilities', { roomId });
    expect(rtpCapabilities.codecs?.length).toBeGreaterThan(0);
    const late = await open();
    expect((await joinRoom(late, roomId, 'Late')).joined.peers).toEqual([
      expect.objectContaining({ displayName: 'Other' }),
    ]);
  });

  it('refuses a WebSocket upgrade from another site (403) and accepts the same host', async () => {
    const sameHost = new URL(server.url).origin;
    expect(await upgradeStatus(server.url, 'https://evil.example.com')).toBe(403);
    expect(await upgradeStatus(server.url, sameHost.replace('127.0.0.1', 'localhost'))).toBe(403);
    expect(await upgradeStatus(server.url, sameHost)).toBe(101);
    expect(await upgradeStatus(server.url, 'app://webconf')).toBe(101);
    expect(await upgradeStatus(server.url, undefined, '/not-signaling')).toBe(403);
  });

  it('a socket that drops while joined → the others get peerLeft within 2 s', async () => {
    const roomId = freshRoomId();
    const alice = await open();
    const bob = await open();
    await joinRoom(alice, roomId, 'Alice');
    const b = await joinRoom(bob, roomId, 'Bob');
    await b.sender.produce('microphone');
    await alice.nextNotification('newConsumer');

    bob.terminate();
    expect(await alice.nextNotification('peerLeft', 2000)).toEqual({ peerId: b.joined.peerId });
    expect(server.registry.stats().peers).toBeGreaterThanOrEqual(1);
  });
});

/** The HTTP status of a WebSocket upgrade: 101 when accepted. */
function upgradeStatus(baseUrl: string, origin: string | undefined, pathname?: string): Promise<number> {
  const url = pathname ? baseUrl.replace(/^http/, 'ws') + pathname : signalingUrl(baseUrl);
  const socket = new WebSocket(url, origin === undefined ? {} : { origin });
  const status = new Promise<number>((resolve, reject) => {
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      socket.terminate();
    });
    socket.once('error', reject);
  });
  return withTimeout(status, 3000, `the upgrade of ${url}`);
}
