import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes a file so that readers see either the old or the new content, never a torn one: the data
 * goes to a temporary file in the same folder, is flushed to disk, then renamed over the target.
 * Synchronous on purpose: these files are tiny, successive writes stay ordered, and a write made
 * while the app quits completes before the process exits.
 */
export function writeFileAtomicSync(filePath: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(filePath), { recursive: true });
  const tempPath = `${filePath}.${process.pid}.tmp`;
  try {
    const fd = openSync(tempPath, 'w', 0o600);
    try {
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tempPath, filePath);
  } catch (error) {
    rmSync(tempPath, { force: true });
    throw error;
  }
}
