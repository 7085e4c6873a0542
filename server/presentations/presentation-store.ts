/**
 * Uploaded presentations: the PDF files in a folder of their own, their page counts in SQLite,
 * both deleted with their room.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../data/database';

export interface StoredPresentation {
  id: string;
  roomId: string;
  pages: number;
}

export class PresentationStore {
  private readonly insert;
  private readonly select;
  private readonly ids;

  constructor(
    db: Db,
    private readonly folder: string,
  ) {
    mkdirSync(folder, { recursive: true });
    this.insert = db.prepare(
      'INSERT INTO presentations (id, room_id, pages, bytes, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.select = db.prepare<[string], { id: string; room_id: string; pages: number }>(
      'SELECT id, room_id, pages FROM presentations WHERE id = ?',
    );
    this.ids = db.prepare<[], { id: string }>('SELECT id FROM presentations');
  }

  save(roomId: string, data: Uint8Array, pages: number): StoredPresentation {
    const id = randomUUID();
    writeFileSync(this.fileOf(id), data, { mode: 0o600 });
    this.insert.run(id, roomId, pages, data.length, Date.now());
    return { id, roomId, pages };
  }

  find(id: string): StoredPresentation | null {
    const row = this.select.get(id);
    return row ? { id: row.id, roomId: row.room_id, pages: row.pages } : null;
  }

  read(id: string): Promise<Buffer> {
    return readFile(this.fileOf(id));
  }

  /** Files whose row is gone (their room expired) are deleted. */
  deleteOrphans(): number {
    const known = new Set(this.ids.all().map((row) => `${row.id}.pdf`));
    let deleted = 0;
    for (const file of readdirSync(this.folder)) {
      if (file.endsWith('.pdf') && !known.has(file)) {
        rmSync(path.join(this.folder, file), { force: true });
        deleted++;
      }
    }
    return deleted;
  }

  private fileOf(id: string): string {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad presentation id');
    return path.join(this.folder, `${id}.pdf`);
  }
}
