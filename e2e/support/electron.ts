import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The Electron binary, where one is installed (it is downloaded on first run, from GitHub, which
 * machines without internet cannot reach). The electron package's own entry point would try that
 * download, so the binary is located here without it.
 */
export function findElectronBinary(): string | null {
  const packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const distDir = process.env['ELECTRON_OVERRIDE_DIST_PATH'] ?? path.join(packageDir, 'dist');
  const binary = path.join(distDir, readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

export const mainBundle = path.resolve(import.meta.dirname, '../../dist/main/index.cjs');

/** Chromium switches Electron honours on its command line: fake camera, microphone and screen. */
export const fakeMediaSwitches = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];
