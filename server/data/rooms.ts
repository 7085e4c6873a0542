/**
 * Stored rooms: who created them, their title and settings, and when they were last used.
 * A room that nobody used for the configured time is expired and deleted.
 */
import type { Db } from './database';

export interface RoomCreator {
  /** 'agent': signed in (id = subject); 'network': from a trusted network (id = address). */
  kind: 'agent' | 'network';
  id: string;
  name: string | null;
}

export interface RoomSettings {
  locked: boolean;
  lobby: boolean;
  /** scrypt hash of the room password, or null when there is none. */
  passwordHash: string | null;
  /** Only moderators may edit the shared notes. */
  notesReadOnly: boolean;
}

export interface StoredRoom {
  id: string;
  title: string;
  creator: RoomCreator;
  createdAt: number;
  lastUsedAt: number;
  settings: RoomSettings;
}

export const defaultRoomSettings: RoomSettings = {
  locked: false,
  lobby: false,
  passwordHash: null,
  notesReadOnly: false,
};

interface RoomRow {
  id: string;
  title: string;
  creator_kind: 'agent' | 'network';
  creator_id: string;
  creator_name: string | null;
  created_at: number;
  last_used_at: number;
  settings: string;
}

export class RoomStore {
  private readonly insertRoom;
  private readonly selectRoom;
  private readonly updateLastUsed;
  private readonly updateSettings;
  private readonly deleteUnusedSince;

  constructor(db: Db) {
    this.insertRoom = db.prepare(
      `INSERT INTO rooms (id, title, creator_kind, creator_id, creator_name, created_at, last_used_at, settings)
       VALUES (@id, @title, @creator_kind, @creator_id, @creator_name, @created_at, @last_used_at, @settings)`,
    );
    // Expired rooms are filtered by the query itself: an expired id and an unknown one take the
    // same path and the same time, so timing cannot tell which ids once existed.
    this.selectRoom = db.prepare<[string, number], RoomRow>('SELECT * FROM rooms WHERE id = ? AND last_used_at >= ?');
    this.updateLastUsed = db.prepare('UPDATE rooms SET last_used_at = ? WHERE id = ?');
    this.updateSettings = db.prepare('UPDATE rooms SET settings = ? WHERE id = ?');
    this.deleteUnusedSince = db.prepare('DELETE FROM rooms WHERE last_used_at < ?');
  }

  create(room: StoredRoom): void {
    this.insertRoom.run({
      id: room.id,
      title: room.title,
      creator_kind: room.creator.kind,
      creator_id: room.creator.id,
      creator_name: room.creator.name,
      created_at: room.createdAt,
      last_used_at: room.lastUsedAt,
      settings: JSON.stringify(room.settings),
    });
  }

  /** The room, unless it does not exist or has expired (both look the same to callers). */
  find(id: string, now: number, expireAfterMs: number): StoredRoom | null {
    const row = this.selectRoom.get(id, now - expireAfterMs);
    return row ? fromRow(row) : null;
  }

  touch(id: string, at: number): void {
    this.updateLastUsed.run(at, id);
  }

  saveSettings(id: string, settings: RoomSettings): void {
    this.updateSettings.run(JSON.stringify(settings), id);
  }

  /** Deletes rooms unused since `before`; returns their number. */
  deleteExpired(before: number): number {
    return this.deleteUnusedSince.run(before).changes;
  }
}

function fromRow(row: RoomRow): StoredRoom {
  let settings: RoomSettings;
  try {
    settings = { ...defaultRoomSettings, ...(JSON.parse(row.settings) as Partial<RoomSettings>) };
  } catch {
    settings = { ...defaultRoomSettings }; // a damaged settings cell must not make the room unusable
  }
  return {
    id: row.id,
    title: row.title,
    creator: { kind: row.creator_kind, id: row.creator_id, name: row.creator_name },
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    settings,
  };
}
