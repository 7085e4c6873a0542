import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { DESKTOP_API_GLOBAL, desktopChannels } from '../common/desktop-api';

/**
 * Launches the built app in a real Electron where one exists. The electron package's own entry
 * point would try to download a missing binary, so the binary is located here without it.
 */
function findElectronBinary(): string | null {
  const packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const distDir = process.env['ELECTRON_OVERRIDE_DIST_PATH'] ?? path.join(packageDir, 'dist');
  const binary = path.join(distDir, readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const mainBundle = path.resolve(import.meta.dirname, '../dist/main/index.cjs');
const electronBinary = findElectronBinary();
const skipReason =
  electronBinary === null
    ? 'skipped: no Electron binary'
    : existsSync(mainBundle)
      ? null
      : 'skipped: no build in dist/ (build the app first)';

describe('the real Electron shell', () => {
  it('serves the app origin and exposes only the desktop API', async (context) => {
    if (electronBinary === null || skipReason !== null) {
      console.warn(`electron shell test ${skipReason}`); // said in the run's output, not only counted
      return context.skip(skipReason ?? '');
    }
    const { _electron } = await import('@playwright/test');
    const electronApp = await _electron.launch({ executablePath: electronBinary, args: [mainBundle] });
    try {
      const page = await electronApp.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      expect(page.url()).toBe('app://webconf/');
      const exposed = await page.evaluate((globalName) => {
        const scope = globalThis as Record<string, unknown>;
        const api = scope[globalName];
        return {
          methods: typeof api === 'object' && api !== null ? Object.keys(api).sort() : [],
          hasRequire: 'require' in scope,
          hasProcess: 'process' in scope,
        };
      }, DESKTOP_API_GLOBAL);
      expect(exposed).toEqual({
        methods: Object.keys(desktopChannels).sort(),
        hasRequire: false,
        hasProcess: false,
      });
    } finally {
      await electronApp.close();
    }
  });
});
