import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import { writeFileAtomicSync } from './atomic-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'webconf-atomic-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('writeFileAtomicSync', () => {
  it('creates missing folders and replaces the previous content', () => {
    const file = path.join(dir, 'nested', 'state.json');
    writeFileAtomicSync(file, 'first');
    writeFileAtomicSync(file, 'second');
    expect(readFileSync(file, 'utf8')).toBe('second');
    expect(readdirSync(path.dirname(file))).toEqual(['state.json']);
  });

  it('leaves the old file and no temporary file behind when the rename fails', () => {
    const file = path.join(dir, 'state.json');
    mkdirSync(file); // a folder where the file should go makes the rename fail
    expect(() => writeFileAtomicSync(file, 'data')).toThrow();
    expect(readdirSync(dir)).toEqual(['state.json']);
  });
});
