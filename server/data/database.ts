/**
 * The embedded SQLite database: one file, WAL journal, schema migrations by `user_version`.
 * Only the repositories in this folder run SQL.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export type Db = Database.Database;

/** Each entry moves the schema one version up; never edit a released one, append. */
const migrations: string[] = [
  `CREATE TABLE rooms (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     creator_kind TEXT NOT NULL,
     creator_id TEXT NOT NULL,
     creator_name TEXT,
     created_at INTEGER NOT NULL,
     last_used_at INTEGER NOT NULL,
     settings TEXT NOT NULL
   );
   CREATE INDEX rooms_last_used ON rooms (last_used_at);`,
  `CREATE TABLE agent_sessions (
     id_hash TEXT PRIMARY KEY,
     sub TEXT NOT NULL,
     email TEXT,
     name TEXT,
     id_token TEXT,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX agent_sessions_expiry ON agent_sessions (expires_at);`,
  `CREATE TABLE chat_messages (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     room_id TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
     sender_id TEXT NOT NULL,
     sender_name TEXT NOT NULL,
     recipient_id TEXT,
     recipient_name TEXT,
     text TEXT NOT NULL,
     sent_at INTEGER NOT NULL
   );
   CREATE INDEX chat_messages_room ON chat_messages (room_id, id);`,
  `CREATE TABLE note_updates (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     room_id TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
     data BLOB NOT NULL
   );
   CREATE INDEX note_updates_room ON note_updates (room_id, id);`,
  `CREATE TABLE presentations (
     id TEXT PRIMARY KEY,
     room_id TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
     pages INTEGER NOT NULL,
     bytes INTEGER NOT NULL,
     created_at INTEGER NOT NULL
   );`,
];

export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(`database schema ${current} is newer than this server (${migrations.length}); upgrade the server`);
  }
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
