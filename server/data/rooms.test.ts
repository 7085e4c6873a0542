import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { defaultRoomSettings, RoomStore, type StoredRoom } from './rooms';

const dir = mkdtempSync(path.join(tmpdir(), 'webconf-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DAY = 86_400_000;
const room = (id: string, lastUsedAt: number): StoredRoom => ({
  id,
  title: 'Point hebdo',
  creator: { kind: 'agent', id: 'sub-1', name: 'Camille' },
  createdAt: lastUsedAt,
  lastUsedAt,
  settings: { ...defaultRoomSettings },
});

describe('RoomStore', () => {
  it('keeps rooms across a reopening of the database file', () => {
    const file = path.join(dir, 'a.sqlite');
    const first = openDatabase(file);
    new RoomStore(first).create(room('roomone', 1000));
    first.close();
    const second = openDatabase(file);
    expect(new RoomStore(second).find('roomone', 2000, DAY)).toEqual(room('roomone', 1000));
    second.close();
  });

  it('treats an expired room like an unknown one, and deletes expired rooms', () => {
    const store = new RoomStore(openDatabase(':memory:'));
    store.create(room('old', 0));
    store.create(room('recent', 9 * DAY));
    expect(store.find('old', 10 * DAY, 5 * DAY)).toBeNull();
    expect(store.find('nope', 10 * DAY, 5 * DAY)).toBeNull();
    store.touch('old', 10 * DAY);
    expect(store.find('old', 10 * DAY, 5 * DAY)?.lastUsedAt).toBe(10 * DAY);
    expect(store.deleteExpired(8 * DAY)).toBe(0);
    expect(store.deleteExpired(11 * DAY)).toBe(2);
  });

  it('saves settings, and reads a damaged settings cell as the defaults', () => {
    const db = openDatabase(':memory:');
    const store = new RoomStore(db);
    store.create(room('r', 0));
    store.saveSettings('r', { locked: true, lobby: true, passwordHash: 'x', notesReadOnly: true });
    expect(store.find('r', 0, DAY)?.settings).toEqual({
      locked: true,
      lobby: true,
      passwordHash: 'x',
      notesReadOnly: true,
    });
    db.prepare("UPDATE rooms SET settings = '{oops' WHERE id = 'r'").run();
    expect(store.find('r', 0, DAY)?.settings).toEqual(defaultRoomSettings);
  });

  it('refuses to open a database written by a newer server', () => {
    const file = path.join(dir, 'newer.sqlite');
    const db = openDatabase(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openDatabase(file)).toThrow(/newer than this server/);
  });
});
