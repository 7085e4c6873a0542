import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PeerInfo } from '../../common/signaling';
import type { RemoteMedia } from '../conference/conference';
import { useCallStore } from './call';

const alice: PeerInfo = {
  participantId: 'a',
  peerId: 'p-alice',
  displayName: 'Alice',
  role: 'participant',
  handRaisedAt: null,
};
const bob: PeerInfo = {
  participantId: 'b',
  peerId: 'p-bob',
  displayName: 'Bob',
  role: 'participant',
  handRaisedAt: null,
};
const chloe: PeerInfo = {
  participantId: 'c',
  peerId: 'p-chloe',
  displayName: 'Chloé',
  role: 'participant',
  handRaisedAt: null,
};

const room = { title: 'Point hebdo', locked: false, lobby: false, hasPassword: false, notesReadOnly: false };

function media(consumerId: string, peerId: string, source: 'microphone' | 'camera', paused = false): RemoteMedia {
  return { consumerId, peerId, source, kind: source === 'camera' ? 'video' : 'audio', paused };
}

beforeEach(() => setActivePinia(createPinia()));

describe('call store', () => {
  it('lists peers in the order they joined, and forgets those who left', () => {
    const call = useCallStore();
    call.setJoined('me', 'participant', room, [alice]);
    call.addPeer(bob);
    call.addPeer(chloe);
    call.addPeer(bob); // a duplicate notice changes nothing
    expect(call.participantList.map((p) => p.displayName)).toEqual(['Alice', 'Bob', 'Chloé']);
    call.removePeer(bob.peerId);
    expect(call.participantList.map((p) => p.peerId)).toEqual([alice.peerId, chloe.peerId]);
    expect(call.selfPeerId).toBe('me');
  });

  it('counts a peer as muted until its microphone arrives unpaused', () => {
    const call = useCallStore();
    call.setJoined('me', 'participant', room, [alice]);
    expect(call.participants[alice.peerId]?.audioMuted).toBe(true);
    call.addMedia(media('c-mic', alice.peerId, 'microphone'));
    expect(call.participants[alice.peerId]).toMatchObject({ audioConsumerId: 'c-mic', audioMuted: false });
  });

  it('follows pause and resume of the microphone only', () => {
    const call = useCallStore();
    call.setJoined('me', 'participant', room, [alice]);
    call.addMedia(media('c-mic', alice.peerId, 'microphone'));
    call.addMedia(media('c-cam', alice.peerId, 'camera'));
    call.setMediaPaused('c-mic', true);
    expect(call.participants[alice.peerId]?.audioMuted).toBe(true);
    call.setMediaPaused('c-cam', false); // a camera pause says nothing about the microphone
    expect(call.participants[alice.peerId]?.audioMuted).toBe(true);
    call.setMediaPaused('c-mic', false);
    expect(call.participants[alice.peerId]?.audioMuted).toBe(false);
  });

  it('sets and clears the video consumer as the camera comes and goes', () => {
    const call = useCallStore();
    call.setJoined('me', 'participant', room, [alice]);
    call.addMedia(media('c-cam', alice.peerId, 'camera'));
    expect(call.participants[alice.peerId]?.videoConsumerId).toBe('c-cam');
    call.removeMedia('c-cam');
    expect(call.participants[alice.peerId]?.videoConsumerId).toBeNull();
    call.removeMedia('unknown'); // ignored
  });

  it('marks a peer muted when its microphone consumer closes', () => {
    const call = useCallStore();
    call.setJoined('me', 'participant', room, [alice]);
    call.addMedia(media('c-mic', alice.peerId, 'microphone'));
    call.removeMedia('c-mic');
    expect(call.participants[alice.peerId]).toMatchObject({ audioConsumerId: null, audioMuted: true });
  });

  it('ignores media of an unknown peer', () => {
    const call = useCallStore();
    call.setJoined('me', 'participant', room, []);
    call.addMedia(media('c-x', 'nobody', 'camera'));
    call.setMediaPaused('c-x', true);
    expect(call.participantList).toEqual([]);
  });

  it('drops the consumers of a peer who leaves, and clears them as active speaker', () => {
    const call = useCallStore();
    call.setJoined('me', 'participant', room, [alice, bob]);
    call.addMedia(media('c-mic', alice.peerId, 'microphone'));
    call.activeSpeakerId = alice.peerId;
    call.removePeer(alice.peerId);
    expect(call.activeSpeakerId).toBeNull();
    // The old consumer id no longer points anywhere: a late pause notice is ignored.
    call.addPeer(alice);
    call.setMediaPaused('c-mic', false);
    expect(call.participants[alice.peerId]?.audioMuted).toBe(true);
  });

  it('keeps the active speaker when someone else leaves', () => {
    const call = useCallStore();
    call.setJoined('me', 'participant', room, [alice, bob]);
    call.activeSpeakerId = bob.peerId;
    call.removePeer(alice.peerId);
    expect(call.activeSpeakerId).toBe(bob.peerId);
  });

  it.each(['reconnecting', 'left', 'failed'] as const)('clears everyone else when the call is %s', (status) => {
    const call = useCallStore();
    call.setStatus('joined');
    call.setJoined('me', 'participant', room, [alice, bob]);
    call.addMedia(media('c-mic', alice.peerId, 'microphone'));
    call.activeSpeakerId = bob.peerId;
    call.setStatus(status, 'connection lost');
    expect(call.participantList).toEqual([]);
    expect(call.activeSpeakerId).toBeNull();
    expect(call.status).toBe(status);
    expect(call.statusReason).toBe('connection lost');
    expect(call.inCall).toBe(status === 'reconnecting');
  });

  it('is in a call while joined or reconnecting only', () => {
    const call = useCallStore();
    for (const [status, inCall] of [
      ['idle', false],
      ['joining', false],
      ['joined', true],
      ['reconnecting', true],
      ['left', false],
    ] as const) {
      call.setStatus(status);
      expect(call.inCall, status).toBe(inCall);
    }
  });

  it('follows role changes of others and of ourselves', () => {
    const call = useCallStore();
    call.setJoined('me', 'participant', room, [alice]);
    call.updatePeer({ ...alice, role: 'moderator' });
    call.updatePeer({ peerId: 'me', participantId: 'm', displayName: 'Me', role: 'moderator', handRaisedAt: null });
    expect(call.participantList[0]?.role).toBe('moderator');
    expect(call.selfRole).toBe('moderator');
  });

  it('lists raised hands, ours included, in the order they went up', () => {
    const call = useCallStore();
    call.displayName = 'Me';
    call.setJoined('me', 'participant', room, [alice, bob]);
    call.updatePeer({ ...bob, handRaisedAt: 20 });
    call.updatePeer({ peerId: 'me', participantId: 'm', displayName: 'Me', role: 'participant', handRaisedAt: 30 });
    call.updatePeer({ ...alice, handRaisedAt: 40 });
    expect(call.raisedHands.map((hand) => hand.displayName)).toEqual(['Bob', 'Me', 'Alice']);
    call.updatePeer({ ...bob, handRaisedAt: null });
    expect(call.raisedHands.map((hand) => hand.displayName)).toEqual(['Me', 'Alice']);
  });
});
