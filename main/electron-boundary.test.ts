/**
 * Electron is imported at run time by the adapters only (main/index.ts, preload/index.ts), so that
 * everything else runs and is tested in plain Node. Type-only imports are fine anywhere.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const adapters = new Set(['main/index.ts', 'preload/index.ts']);

function sources(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|vue)$/.test(file) && !file.endsWith('.test.ts'))
    .map((file) => path.posix.join(folder, file.split(path.sep).join('/')));
}

/** Runtime imports of electron: `import x from 'electron'`, `import { a } from 'electron'`, require, import(). */
function runtimeElectronImports(text: string): string[] {
  const statements = text.match(/^\s*import\s+(?!type\b)[^;]*?from\s+['"]electron['"]/gm) ?? [];
  const dynamic = text.match(/(require|import)\(\s*['"]electron['"]\s*\)/g) ?? [];
  return [...statements, ...dynamic];
}

describe('the Electron boundary', () => {
  it('keeps runtime electron imports in the adapters', () => {
    const offenders = ['main', 'preload', 'renderer', 'server', 'common']
      .flatMap(sources)
      .filter((file) => !adapters.has(file))
      .filter((file) => runtimeElectronImports(readFileSync(path.join(root, file), 'utf8')).length > 0);
    expect(offenders).toEqual([]);
  });

  it('recognises what it looks for', () => {
    expect(runtimeElectronImports("import { app } from 'electron';")).toHaveLength(1);
    expect(runtimeElectronImports("import type { App } from 'electron';")).toHaveLength(0);
    expect(runtimeElectronImports("const { app } = require('electron');")).toHaveLength(1);
    expect(runtimeElectronImports("await import('electron')")).toHaveLength(1);
  });
});
