/**
 * Shared notes as Yjs updates, appended as they come and compacted into one when the last editor
 * leaves. Deleted with their room.
 */
import type { Db } from './database';

export class NoteStore {
  private readonly select;
  private readonly insert;
  private readonly clear;

  constructor(private readonly db: Db) {
    this.select = db.prepare<[string], { data: Buffer }>('SELECT data FROM note_updates WHERE room_id = ? ORDER BY id');
    this.insert = db.prepare('INSERT INTO note_updates (room_id, data) VALUES (?, ?)');
    this.clear = db.prepare('DELETE FROM note_updates WHERE room_id = ?');
  }

  updates(roomId: string): Uint8Array[] {
    return this.select.all(roomId).map((row) => new Uint8Array(row.data));
  }

  append(roomId: string, update: Uint8Array): void {
    this.insert.run(roomId, Buffer.from(update));
  }

  /** Replaces the room's updates with one equivalent state, in one transaction. */
  compact(roomId: string, state: Uint8Array): void {
    this.db.transaction(() => {
      this.clear.run(roomId);
      this.insert.run(roomId, Buffer.from(state));
    })();
  }
}
