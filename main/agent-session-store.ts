/**
 * The signed-in agent's session, in the main process only, encrypted at rest with the OS keychain
 * (Electron's safeStorage). Where the OS offers no encryption it is kept in memory for this run
 * only: never written in clear.
 */
import type { SafeStorage } from 'electron';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { AgentSession } from './agent-sign-in';
import { writeFileAtomicSync } from './atomic-file';

export type SecretBox = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>;

export class AgentSessionStore {
  private current: AgentSession | null = null;
  private readonly file: string;

  constructor(
    userDataDir: string,
    private readonly box: SecretBox,
    private readonly log: (message: string) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.file = path.join(userDataDir, 'agent-session.bin');
    this.current = this.load();
  }

  get(): AgentSession | null {
    if (this.current && this.current.expiresAt <= this.now()) this.clear();
    return this.current;
  }

  save(session: AgentSession): void {
    this.current = session;
    if (!this.box.isEncryptionAvailable()) {
      this.log('no OS encryption available: the sign-in lasts until the app quits');
      return;
    }
    writeFileAtomicSync(this.file, this.box.encryptString(JSON.stringify(session)));
  }

  clear(): void {
    this.current = null;
    rmSync(this.file, { force: true });
  }

  private load(): AgentSession | null {
    let encrypted: Buffer;
    try {
      encrypted = readFileSync(this.file);
    } catch {
      return null; // never signed in on this machine
    }
    try {
      if (!this.box.isEncryptionAvailable()) return null;
      const session = JSON.parse(this.box.decryptString(encrypted)) as AgentSession;
      return session.expiresAt > this.now() ? session : null;
    } catch {
      this.log('the stored sign-in could not be read; sign in again');
      rmSync(this.file, { force: true });
      return null;
    }
  }
}
