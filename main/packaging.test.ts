import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Configuration, MsiOptions, NsisOptions } from 'electron-builder';
import { policySchemas } from './policy/policy-keys';

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

  it('finds every file it names that is kept in the repository', () => {
    expect(existsSync(path.join(root, config.directories?.buildResources ?? 'missing'))).toBe(true);
    for (const file of [config.msiProjectCreated, config.mac?.entitlements, config.mac?.entitlementsInherit]) {
      expect(existsSync(path.join(root, String(file))), String(file)).toBe(true);
    }
  });

  it('names every artifact with its version and architecture', () => {
    for (const target of [config.nsis, config.msi, config.linux, config.dmg]) {
      expect(target?.artifactName).toMatch(/\$\{version\}.*\$\{arch\}/);
    }
  });

  it('has a dist script per platform, each building the app and its icons first', () => {
    const { scripts } = require(path.join(root, 'package.json')) as { scripts: Record<string, string> };
    for (const [platform, flag] of [
      ['win', '--win'],
      ['mac', '--mac'],
      ['linux', '--linux'],
    ]) {
      expect(scripts[`dist:${platform}`]).toBe(
        `npm run build && npm run icons && electron-builder --config electron-builder.config.cjs ${flag}`,
      );
    }
  });
});

describe('Windows installers', () => {
  it('NSIS: one click, for the current user only, never asking for elevation', () => {
    const nsis = config.nsis as NsisOptions;
    expect(nsis).toMatchObject({ oneClick: true, perMachine: false, allowElevation: false, packElevateHelper: false });
    expect(config.win?.target).toEqual(expect.arrayContaining([{ target: 'nsis', arch: ['x64'] }]));
  });

  it('MSI: per machine, with the upgrade code pinned forever', () => {
    const msi = config.msi as MsiOptions;
    expect(msi.perMachine).toBe(true);
    // Changing this would make every new MSI install beside the old one instead of upgrading it.
    expect(msi.upgradeCode).toBe('939E6526-52CA-47A6-A575-536DDB1906A6');
    expect(config.win?.target).toEqual(expect.arrayContaining([{ target: 'msi', arch: ['x64'] }]));
  });
});

describe('MSI properties → machine policy (build/msi-project-created.cjs)', () => {
  const { addMachinePolicy } = require(path.join(root, String(config.msiProjectCreated))) as {
    addMachinePolicy: (wxs: string) => string;
  };
  // electron-builder's own WiX template, which the hook receives rendered.
  const template = readFileSync(require.resolve('app-builder-lib/templates/msi/template.xml'), 'utf8');
  const project = addMachinePolicy(template);
  const attribute = (element: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(element)?.[1];

  it('declares SERVER_URL, LOCK_SERVER_URL and DISABLE_AUTO_UPDATE as secure public properties', () => {
    for (const property of ['SERVER_URL', 'LOCK_SERVER_URL', 'DISABLE_AUTO_UPDATE']) {
      expect(project).toContain(`<Property Id="${property}" Secure="yes"/>`);
    }
  });

  it('writes each to a policy key the app reads, with a value the app accepts', () => {
    const values = [...project.matchAll(/<RegistryValue [^>]*\/>/g)].map(([element]) => element);
    expect(values).toHaveLength(3);
    const written = Object.fromEntries(
      values.map((element) => [
        attribute(element, 'Name'),
        { key: attribute(element, 'Key'), value: attribute(element, 'Value') },
      ]),
    );
    expect(written).toEqual({
      ServerUrl: { key: 'SOFTWARE\\Policies\\Webconf\\Recommended', value: '[SERVER_URL]' },
      LockServerUrl: { key: 'SOFTWARE\\Policies\\Webconf', value: '1' },
      AutoUpdate: { key: 'SOFTWARE\\Policies\\Webconf', value: 'off' },
    });
    expect(policySchemas.LockServerUrl.safeParse(1).success).toBe(true);
    expect(policySchemas.AutoUpdate.safeParse('off').success).toBe(true);
    expect(Object.keys(written).every((name) => name! in policySchemas)).toBe(true);
  });

  it('installs them with the product, only when given, with fixed component GUIDs', () => {
    expect(project).toContain('<ComponentGroupRef Id="WebconfMachinePolicy"/>');
    expect(project.indexOf('WebconfMachinePolicy')).toBeLessThan(project.indexOf('</Feature>'));
    expect([...project.matchAll(/<Condition>([^<]*)<\/Condition>/g)].map(([, condition]) => condition)).toEqual(
      expect.arrayContaining(['SERVER_URL', 'LOCK_SERVER_URL = "1"', 'DISABLE_AUTO_UPDATE = "1"']),
    );
    const guids = [...project.matchAll(/Guid="([0-9A-F-]{36})"/g)].map(([, guid]) => guid);
    expect(new Set(guids).size).toBe(3);
  });

  it('refuses a project whose shape it does not know, rather than build an MSI without policy', () => {
    expect(() => addMachinePolicy('<Wix><Product></Product></Wix>')).toThrow(/expected Feature and Product/);
  });
});

describe('icons, generated from resources/icon.svg', () => {
  it('renders every size, and packs them as ICO and ICNS', async () => {
    const icons = (await import(path.join(root, 'scripts/icons.mjs'))) as {
      makeIcons: (dir: string) => Promise<string>;
      pngSize: (png: Buffer) => { width: number; height: number };
      SIZES: number[];
    };
    const out = mkdtempSync(path.join(tmpdir(), 'webconf-icons-'));
    try {
      await icons.makeIcons(out);
      for (const size of icons.SIZES) {
        expect(icons.pngSize(readFileSync(path.join(out, 'icons', `${size}x${size}.png`)))).toEqual({
          width: size,
          height: size,
        });
      }
      const ico = readFileSync(path.join(out, 'icon.ico'));
      expect([ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([1, 7]); // an icon with 7 images
      expect(ico[6 + 16 * 6]).toBe(0); // the last one is 256 px (written 0)
      const icns = readFileSync(path.join(out, 'icon.icns'));
      expect(icns.toString('ascii', 0, 4)).toBe('icns');
      expect(icns.readUInt32BE(4)).toBe(icns.length);
      // The config points at exactly what the script writes.
      expect([config.win?.icon, config.mac?.icon, config.linux?.icon]).toEqual([
        'build/icon.ico',
        'build/icon.icns',
        'build/icons',
      ]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
