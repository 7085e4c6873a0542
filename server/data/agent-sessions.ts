/**
 * Signed-in agents' sessions. The browser holds a random id in an HttpOnly cookie; the database
 * holds only its SHA-256, so a copy of the database opens no session.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './database';

export interface AgentSession {
  sub: string;
  email: string | null;
  name: string | null;
  /** Kept for sign-out at the issuer (id_token_hint). */
  idToken: string | null;
}

interface Row {
  sub: string;
  email: string | null;
  name: string | null;
  id_token: string | null;
}

const hash = (id: string) => createHash('sha256').update(id).digest('hex');

export class AgentSessionStore {
  private readonly insert;
  private readonly select;
  private readonly remove;
  private readonly purge;

  constructor(
    db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.insert = db.prepare(
      'INSERT INTO agent_sessions (id_hash, sub, email, name, id_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.select = db.prepare<[string, number], Row>(
      'SELECT sub, email, name, id_token FROM agent_sessions WHERE id_hash = ? AND expires_at > ?',
    );
    this.remove = db.prepare('DELETE FROM agent_sessions WHERE id_hash = ?');
    this.purge = db.prepare('DELETE FROM agent_sessions WHERE expires_at <= ?');
  }

  /** Opens a session; returns the id for the cookie. */
  open(session: AgentSession, ttlMs: number): string {
    const id = randomBytes(32).toString('base64url');
    const at = this.now();
    this.insert.run(hash(id), session.sub, session.email, session.name, session.idToken, at, at + ttlMs);
    return id;
  }

  find(id: string | undefined): AgentSession | null {
    if (!id) return null;
    const row = this.select.get(hash(id), this.now());
    return row ? { sub: row.sub, email: row.email, name: row.name, idToken: row.id_token } : null;
  }

  close(id: string | undefined): void {
    if (id) this.remove.run(hash(id));
  }

  deleteExpired(): number {
    return this.purge.run(this.now()).changes;
  }
}
