/**
 * What the UI shows of a call: ids, names and flags only. Tracks and transports stay in the
 * conference layer; a tile asks it for the track of the consumer id it holds.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Knock, MediaKind, MediaSource, PeerInfo, Presentation, Role, RoomInfo } from '../../common/signaling';
import type { ConferenceState, RemoteMedia } from '../conference/conference';

export interface Participant {
  peerId: string;
  displayName: string;
  role: Role;
  audioConsumerId: string | null;
  /** The participant muted their microphone (or sends none). */
  audioMuted: boolean;
  videoConsumerId: string | null;
  /** The screen or window this participant shares, if any. */
  screenConsumerId: string | null;
  handRaisedAt: number | null;
}

interface ConsumerRef {
  peerId: string;
  kind: MediaKind;
  source: MediaSource;
}

export const useCallStore = defineStore('call', () => {
  const status = ref<ConferenceState>('idle');
  const statusReason = ref<string | null>(null);
  const roomId = ref<string | null>(null);
  const displayName = ref('');
  const selfPeerId = ref<string | null>(null);
  const selfRole = ref<Role>('participant');
  const selfHandRaisedAt = ref<number | null>(null);
  const room = ref<RoomInfo | null>(null);
  /** The PDF being presented, and at which page: ids and numbers only. */
  const presentation = ref<Presentation | null>(null);
  /** Who waits in the lobby (moderators only hear of it). */
  const lobby = ref<Knock[]>([]);
  /** The last time a moderator turned our microphone or camera off, to say who did. */
  const mutedBy = ref<{ source: 'microphone' | 'camera'; by: string } | null>(null);
  /** Why we are out of the room, when a moderator decided it. */
  const dismissal = ref<{ kind: 'removed' | 'ended'; by: string; reason: string | null } | null>(null);
  const participants = ref<Record<string, Participant>>({});
  const joinOrder = ref<string[]>([]);
  const consumers = ref<Record<string, ConsumerRef>>({});
  const activeSpeakerId = ref<string | null>(null);
  const microphoneMuted = ref(false);
  const cameraOn = ref(true);
  const microphoneSending = ref(false);
  const cameraSending = ref(false);
  const screenSharing = ref(false);
  /** The screen or window we share, as our picker named it (null when the OS's picker chose). */
  const screenShareName = ref<string | null>(null);

  const participantList = computed(() =>
    joinOrder.value.map((id) => participants.value[id]).filter((p): p is Participant => p !== undefined),
  );
  /** Everyone with a raised hand, ourselves included, in the order the hands went up. */
  const raisedHands = computed(() => {
    const others = participantList.value
      .filter((p) => p.handRaisedAt !== null)
      .map((p) => ({ peerId: p.peerId, displayName: p.displayName, at: p.handRaisedAt! }));
    const self =
      selfHandRaisedAt.value !== null && selfPeerId.value
        ? [{ peerId: selfPeerId.value, displayName: displayName.value, at: selfHandRaisedAt.value }]
        : [];
    return [...others, ...self].sort((a, b) => a.at - b.at);
  });
  /** Who shares a screen, shown large: the first sharer when several do. */
  const sharer = computed(() => participantList.value.find((p) => p.screenConsumerId !== null) ?? null);
  const inCall = computed(() => status.value === 'joined' || status.value === 'reconnecting');

  function setStatus(next: ConferenceState, reason?: string): void {
    status.value = next;
    statusReason.value = reason ?? null;
    if (next === 'reconnecting' || next === 'left' || next === 'failed') clearRemote();
  }

  function setJoined(self: string, role: Role, info: RoomInfo, peers: PeerInfo[]): void {
    clearRemote();
    selfPeerId.value = self;
    selfRole.value = role;
    selfHandRaisedAt.value = null;
    room.value = info;
    mutedBy.value = null;
    dismissal.value = null;
    peers.forEach(addPeer);
  }

  function updatePeer(peer: PeerInfo): void {
    const participant = participants.value[peer.peerId];
    if (participant) {
      participant.role = peer.role;
      participant.handRaisedAt = peer.handRaisedAt;
    } else if (peer.peerId === selfPeerId.value) {
      selfRole.value = peer.role;
      selfHandRaisedAt.value = peer.handRaisedAt;
    }
  }

  function addPeer(peer: PeerInfo): void {
    if (participants.value[peer.peerId]) return;
    participants.value[peer.peerId] = {
      peerId: peer.peerId,
      displayName: peer.displayName,
      role: peer.role,
      audioConsumerId: null,
      audioMuted: true,
      videoConsumerId: null,
      screenConsumerId: null,
      handRaisedAt: peer.handRaisedAt,
    };
    joinOrder.value.push(peer.peerId);
  }

  function removePeer(peerId: string): void {
    delete participants.value[peerId];
    joinOrder.value = joinOrder.value.filter((id) => id !== peerId);
    for (const [consumerId, ref] of Object.entries(consumers.value)) {
      if (ref.peerId === peerId) delete consumers.value[consumerId];
    }
    if (activeSpeakerId.value === peerId) activeSpeakerId.value = null;
  }

  function addMedia(media: RemoteMedia): void {
    const participant = participants.value[media.peerId];
    if (!participant) return;
    consumers.value[media.consumerId] = { peerId: media.peerId, kind: media.kind, source: media.source };
    if (media.source === 'microphone') {
      participant.audioConsumerId = media.consumerId;
      participant.audioMuted = media.paused;
    } else if (media.source === 'camera') {
      participant.videoConsumerId = media.consumerId;
    } else {
      participant.screenConsumerId = media.consumerId;
    }
  }

  function removeMedia(consumerId: string): void {
    const ref = consumers.value[consumerId];
    if (!ref) return;
    delete consumers.value[consumerId];
    const participant = participants.value[ref.peerId];
    if (!participant) return;
    if (participant.audioConsumerId === consumerId) {
      participant.audioConsumerId = null;
      participant.audioMuted = true;
    }
    if (participant.videoConsumerId === consumerId) participant.videoConsumerId = null;
    if (participant.screenConsumerId === consumerId) participant.screenConsumerId = null;
  }

  function setMediaPaused(consumerId: string, paused: boolean): void {
    const ref = consumers.value[consumerId];
    const participant = ref && participants.value[ref.peerId];
    if (participant && participant.audioConsumerId === consumerId) participant.audioMuted = paused;
  }

  function clearRemote(): void {
    participants.value = {};
    joinOrder.value = [];
    consumers.value = {};
    activeSpeakerId.value = null;
    lobby.value = [];
    presentation.value = null;
  }

  return {
    status,
    statusReason,
    roomId,
    displayName,
    selfPeerId,
    selfRole,
    selfHandRaisedAt,
    raisedHands,
    room,
    presentation,
    lobby,
    mutedBy,
    dismissal,
    participants,
    activeSpeakerId,
    microphoneMuted,
    cameraOn,
    microphoneSending,
    cameraSending,
    screenSharing,
    screenShareName,
    sharer,
    participantList,
    inCall,
    setStatus,
    setJoined,
    updatePeer,
    addPeer,
    removePeer,
    addMedia,
    removeMedia,
    setMediaPaused,
  };
});
