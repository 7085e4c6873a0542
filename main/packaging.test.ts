import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Configuration } from 'electron-builder';

/**
 * The packaging configuration, checked the way electron-builder itself checks it before a build
 * (its JSON schema), since the build cannot run here.
 */
const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const config = require(path.join(root, 'electron-builder.config.cjs')) as Configuration;

async function validate(configuration: Configuration): Promise<void> {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
    validateConfiguration: (config: Configuration, logger: unknown) => Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  await validateConfiguration(configuration, new DebugLogger(false));
}

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('is really validated: a misspelt option is refused', async () => {
    await expect(validate({ ...config, electronFuses: { runAsNod: false } } as Configuration)).rejects.toThrow(
      /configuration\.electronFuses/,
    );
  });

  it('sets the fuses of the security checklist', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('registers the webconf:// scheme the app handles', async () => {
    const { LINK_SCHEME } = await import('./deep-links');
    expect(config.protocols).toEqual([expect.objectContaining({ schemes: [LINK_SCHEME] })]);
  });

  it('packs the built app only, and the entry point package.json names is in it', () => {
    const files = config.files as string[];
    expect(files).toContain('!node_modules/**');
    const packageJson = require(path.join(root, 'package.json')) as { main: string };
    expect(files.some((pattern) => packageJson.main.startsWith(pattern.replace('/**', '')))).toBe(true);
  });

  it('says why macOS should grant the camera and the microphone', () => {
    const info = config.mac?.extendInfo as Record<string, string>;
    expect(info['NSCameraUsageDescription']).toMatch(/caméra/);
    expect(info['NSMicrophoneUsageDescription']).toMatch(/micro/);
  });

  it('finds its build resources folder', () => {
    expect(existsSync(path.join(root, config.directories?.buildResources ?? 'missing'))).toBe(true);
  });
});
