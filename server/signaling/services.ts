/**
 * What signaling handlers reach beyond their connection: live rooms, stored rooms, tokens and the
 * limits that protect them. Built once by app.ts.
 */
import type { RateLimiter } from '../access/rate-limit';
import type { TokenIssuer } from '../access/tokens';
import type { ChatStore } from '../data/chat';
import type { PresentationStore } from '../presentations/presentation-store';
import type { StoredRoom } from '../data/rooms';
import type { RoomDirectory } from '../rooms/directory';
import type { RoomRegistry } from '../rooms/registry';
import { SignalingFailure } from './failure';

export interface SignalingServices {
  registry: RoomRegistry;
  directory: RoomDirectory;
  tokens: TokenIssuer;
  /** Unknown room ids tried, per client address. */
  roomMisses: RateLimiter;
  /** Joins and knocks, per client address. */
  joins: RateLimiter;
  chat: ChatStore;
  /** Chat messages, per participant. */
  chatMessages: RateLimiter;
  chatHistory: number;
  maxParticipants: number;
  agentsBypassLobby: boolean;
  presentations: PresentationStore;
}

/**
 * A stored room by id, for someone about to enter it. Unknown and expired ids give the same
 * answer; an address that keeps missing is refused for a while (room-id guessing).
 */
export function findRoomFor(services: SignalingServices, roomId: string, address: string | null): StoredRoom {
  const key = address ?? 'unknown';
  if (services.roomMisses.isBlocked(key)) {
    throw new SignalingFailure('rate_limited', 'too many unknown rooms tried; wait a minute');
  }
  const room = services.directory.find(roomId);
  if (room) return room;
  services.roomMisses.take(key);
  throw new SignalingFailure('not_found', 'no such room: check the link');
}
