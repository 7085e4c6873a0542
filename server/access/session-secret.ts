import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The key that signs tokens: the configured one, else one generated on first start and kept
 * beside the database (mode 600), so tokens survive a restart. An in-memory database gets a
 * key that lives as long as the process.
 */
export function loadSessionSecret(configured: string | undefined, databaseFile: string): Uint8Array {
  if (configured) return new TextEncoder().encode(configured);
  if (databaseFile === ':memory:') return randomBytes(32);
  const file = path.join(path.dirname(databaseFile), 'session-secret');
  try {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 64) return Buffer.from(stored, 'hex');
  } catch {
    // first start: create it below
  }
  const secret = randomBytes(32);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, secret.toString('hex') + '\n', { mode: 0o600 });
  return secret;
}
