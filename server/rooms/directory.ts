/**
 * The rooms that exist, as opposed to the live ones (RoomRegistry): created by agents, stored,
 * found by id while not expired. An unknown id and an expired one are answered alike.
 */
import type { RoomCreator, RoomSettings, RoomStore, StoredRoom } from '../data/rooms';
import { defaultRoomSettings } from '../data/rooms';
import { newRoomId } from './room-id';

const DAY_MS = 86_400_000;

export class RoomDirectory {
  constructor(
    private readonly store: RoomStore,
    private readonly expireAfterDays: number,
    private readonly now: () => number = Date.now,
  ) {}

  create(title: string, creator: RoomCreator): StoredRoom {
    const at = this.now();
    const room: StoredRoom = {
      id: newRoomId(),
      title,
      creator,
      createdAt: at,
      lastUsedAt: at,
      settings: { ...defaultRoomSettings },
    };
    this.store.create(room);
    return room;
  }

  find(id: string): StoredRoom | null {
    return this.store.find(id, this.now(), this.expireAfterDays * DAY_MS);
  }

  /** Marks a room as used (someone joined): it lives for another full expiry period. */
  touch(id: string): void {
    this.store.touch(id, this.now());
  }

  saveSettings(id: string, settings: RoomSettings): void {
    this.store.saveSettings(id, settings);
  }

  deleteExpired(): number {
    return this.store.deleteExpired(this.now() - this.expireAfterDays * DAY_MS);
  }
}
