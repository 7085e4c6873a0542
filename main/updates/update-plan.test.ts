import { describe, expect, it } from 'vitest';
import { resolvePolicy } from '../policy/resolve-policy';
import { installKind, planUpdates, type InstallFacts, type InstallKind } from './update-plan';

const windows = { ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)' };

describe('installKind', () => {
  it.each<[string, InstallFacts, InstallKind]>([
    [
      'a development run',
      { platform: 'win32', isPackaged: false, executablePath: 'C:\\x\\electron.exe', environment: windows },
      'unpackaged',
    ],
    [
      'the MSI, in Program Files',
      {
        platform: 'win32',
        isPackaged: true,
        executablePath: 'C:\\Program Files\\Webconf\\Webconf.exe',
        environment: windows,
      },
      'per-machine',
    ],
    [
      'the MSI, any case',
      {
        platform: 'win32',
        isPackaged: true,
        executablePath: 'c:\\PROGRAM FILES\\Webconf\\Webconf.exe',
        environment: windows,
      },
      'per-machine',
    ],
    [
      'NSIS, in the user’s programs',
      {
        platform: 'win32',
        isPackaged: true,
        executablePath: 'C:\\Users\\camille\\AppData\\Local\\Programs\\Webconf\\Webconf.exe',
        environment: windows,
      },
      'per-user',
    ],
    [
      'a look-alike folder',
      {
        platform: 'win32',
        isPackaged: true,
        executablePath: 'C:\\Program Files Evil\\Webconf.exe',
        environment: windows,
      },
      'per-user',
    ],
    [
      'an AppImage',
      {
        platform: 'linux',
        isPackaged: true,
        executablePath: '/tmp/.mount_Webcon/webconf',
        environment: { APPIMAGE: '/home/c/Webconf.AppImage' },
      },
      'appimage',
    ],
    [
      'the deb',
      { platform: 'linux', isPackaged: true, executablePath: '/opt/Webconf/webconf', environment: {} },
      'per-machine',
    ],
    [
      'macOS',
      {
        platform: 'darwin',
        isPackaged: true,
        executablePath: '/Applications/Webconf.app/Contents/MacOS/Webconf',
        environment: {},
      },
      'mac-app',
    ],
  ])('%s → %s', (_case, facts, expected) => expect(installKind(facts)).toBe(expected));
});

describe('planUpdates', () => {
  const policy = (enforced: Record<string, unknown>) =>
    resolvePolicy([{ name: 'p', scope: 'machine', enforced, defaults: {} }]);
  it.each<[string, InstallKind, Record<string, unknown>, object]>([
    [
      'per-user, no policy: our server’s feed, stable',
      'per-user',
      {},
      { enabled: true, feedUrl: 'https://webconf.gouv.fr/updates/', channel: 'stable' },
    ],
    [
      'the organisation’s feed and beta channel',
      'mac-app',
      { UpdateFeedUrl: 'https://maj.gouv.fr/webconf/', UpdateChannel: 'beta' },
      { enabled: true, feedUrl: 'https://maj.gouv.fr/webconf/', channel: 'beta' },
    ],
    ['turned off by policy', 'appimage', { AutoUpdate: 'off' }, { enabled: false, reason: 'policy' }],
    [
      'machine-wide install, even with updates on',
      'per-machine',
      { AutoUpdate: 'on' },
      { enabled: false, reason: 'machine-wide' },
    ],
    ['a development run', 'unpackaged', {}, { enabled: false, reason: 'unpackaged' }],
  ])('%s', (_case, kind, enforced, expected) => {
    expect(planUpdates(kind, policy(enforced), 'https://webconf.gouv.fr')).toEqual(expected);
  });
});
