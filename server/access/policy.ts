/**
 * Who may do what, as pure functions. Creating a room: signed-in agents, and anyone on a trusted
 * network. Moderating: moderators, on others only.
 */
import type { RoomCreator } from '../data/rooms';
import type { NetworkList } from './networks';
import type { Role } from './tokens';

export interface Requester {
  /** The client address as the server believes it (see clientAddress). */
  address: string | null;
  /** The signed-in agent, if any. */
  agent: { sub: string; name: string | null } | null;
}

export type CreationDecision = { allowed: true; creator: RoomCreator } | { allowed: false; reason: 'sign-in-required' };

export function decideRoomCreation(requester: Requester, trustedNetworks: NetworkList): CreationDecision {
  if (requester.agent)
    return { allowed: true, creator: { kind: 'agent', id: requester.agent.sub, name: requester.agent.name } };
  if (requester.address && trustedNetworks.contains(requester.address)) {
    return { allowed: true, creator: { kind: 'network', id: requester.address, name: null } };
  }
  return { allowed: false, reason: 'sign-in-required' };
}

export type ModerationDecision = 'allowed' | 'not-moderator' | 'self' | 'no-such-participant';

export function decideModeration(
  actor: { id: string; role: Role },
  targetId: string | null,
  targetExists: boolean,
): ModerationDecision {
  if (actor.role !== 'moderator') return 'not-moderator';
  if (targetId === null) return 'allowed'; // room-wide actions (lock, end)
  if (targetId === actor.id) return 'self';
  return targetExists ? 'allowed' : 'no-such-participant';
}
