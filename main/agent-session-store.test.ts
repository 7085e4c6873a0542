import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentSessionStore, type SecretBox } from './agent-session-store';

/** Stands in for the OS keychain: reversible, and visibly not the clear text. */
const keychain = (available = true): SecretBox => ({
  isEncryptionAvailable: () => available,
  encryptString: (text) => Buffer.from(`sealed:${Buffer.from(text).toString('base64')}`),
  decryptString: (data) => {
    const text = data.toString();
    if (!text.startsWith('sealed:')) throw new Error('not ours');
    return Buffer.from(text.slice('sealed:'.length), 'base64').toString();
  },
});

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'webconf-agent-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const session = (expiresAt: number) => ({
  token: 'secret-session-token-123456',
  expiresAt,
  agent: { sub: 'a1', name: 'Camille' },
});

/** A store over `dir` with the test keychain, at a given time: one per app start. */
const storeAt = (dir: string, now: number) =>
  new AgentSessionStore(
    dir,
    keychain(),
    () => undefined,
    () => now,
  );

describe('AgentSessionStore', () => {
  it('keeps the session encrypted on disk and finds it again at the next start', () => {
    const dir = tempDir();
    storeAt(dir, 1000).save(session(5000));
    expect(readFileSync(path.join(dir, 'agent-session.bin'), 'utf8')).not.toContain('secret-session-token');
    expect(storeAt(dir, 2000).get()).toEqual(session(5000));
  });

  it('forgets an expired session', () => {
    const dir = tempDir();
    storeAt(dir, 1000).save(session(5000));
    expect(storeAt(dir, 6000).get()).toBeNull();
  });

  it('never writes the token in clear when the OS offers no encryption', () => {
    const dir = tempDir();
    const logs: string[] = [];
    const store = new AgentSessionStore(
      dir,
      keychain(false),
      (m) => logs.push(m),
      () => 1000,
    );
    store.save(session(5000));
    expect(store.get()?.token).toBe('secret-session-token-123456');
    expect(existsSync(path.join(dir, 'agent-session.bin'))).toBe(false);
    expect(logs.join()).toMatch(/no OS encryption/);
  });

  it('treats an unreadable file as no session, and removes it', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'agent-session.bin'), 'garbage');
    const logs: string[] = [];
    expect(new AgentSessionStore(dir, keychain(), (m) => logs.push(m)).get()).toBeNull();
    expect(existsSync(path.join(dir, 'agent-session.bin'))).toBe(false);
    expect(logs.join()).toMatch(/sign in again/);
  });

  it('clears the session and its file on sign-out', () => {
    const dir = tempDir();
    const store = storeAt(dir, 1000);
    store.save(session(5000));
    store.clear();
    expect(store.get()).toBeNull();
    expect(existsSync(path.join(dir, 'agent-session.bin'))).toBe(false);
  });
});
