import type { Peer } from '../rooms/peer';
import type { Room } from '../rooms/room';
import { SignalingFailure } from './failure';

/** What one signaling connection has joined. A connection holds at most one peer at a time. */
export class Session {
  room: Room | null = null;
  peer: Peer | null = null;
  /** Waiting in a room's lobby. */
  knock: { room: Room; knockId: string } | null = null;

  joined(): { room: Room; peer: Peer } {
    if (!this.room || !this.peer) throw new SignalingFailure('wrong_state', 'join a room first');
    return { room: this.room, peer: this.peer };
  }

  leave(): void {
    if (this.room && this.peer) this.room.remove(this.peer);
    this.withdrawKnock();
    this.forget();
  }

  withdrawKnock(): void {
    if (this.knock) this.knock.room.withdrawKnock(this.knock.knockId);
    this.knock = null;
  }

  forget(): void {
    this.room = null;
    this.peer = null;
  }
}
