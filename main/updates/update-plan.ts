/**
 * Whether and from where the app updates itself: a pure decision from how it was installed and
 * the organisation's policy. Machine-wide installs (MSI, system packages) never update themselves:
 * IT deploys new versions, and the user could not write there anyway.
 */
import path from 'node:path';
import type { UpdatesOffReason } from '../../common/desktop-api';
import type { ResolvedPolicy } from '../policy/resolve-policy';

export type InstallKind = 'per-user' | 'per-machine' | 'appimage' | 'mac-app' | 'unpackaged';

export interface InstallFacts {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  executablePath: string;
  environment: Readonly<Record<string, string | undefined>>;
}

const isInside = (file: string, folder: string | undefined, pathApi: typeof path.win32 | typeof path.posix) => {
  if (!folder) return false;
  const relative = pathApi.relative(folder.toLowerCase(), file.toLowerCase());
  return relative !== '' && !relative.startsWith('..') && !pathApi.isAbsolute(relative);
};

/** How this copy was installed, from where it runs. */
export function installKind(facts: InstallFacts): InstallKind {
  if (!facts.isPackaged) return 'unpackaged';
  const { environment: env, executablePath: exe } = facts;
  if (facts.platform === 'win32') {
    const machineFolders = [env['ProgramFiles'], env['ProgramFiles(x86)'], env['ProgramW6432']];
    return machineFolders.some((folder) => isInside(exe, folder, path.win32)) ? 'per-machine' : 'per-user';
  }
  if (facts.platform === 'darwin') return 'mac-app';
  // Linux: an AppImage says so; anything else came from a system package (deb).
  return env['APPIMAGE'] ? 'appimage' : 'per-machine';
}

export type UpdatePlan =
  { enabled: false; reason: UpdatesOffReason } | { enabled: true; feedUrl: string; channel: 'stable' | 'beta' };

export function planUpdates(kind: InstallKind, policy: ResolvedPolicy, serverUrl: string): UpdatePlan {
  if (kind === 'unpackaged') return { enabled: false, reason: 'unpackaged' };
  if (kind === 'per-machine') return { enabled: false, reason: 'machine-wide' };
  if (policy.values.AutoUpdate === 'off') return { enabled: false, reason: 'policy' };
  // Our server hosts the feed unless the organisation names another one.
  const feedUrl = policy.values.UpdateFeedUrl ?? new URL('/updates/', serverUrl).href;
  return { enabled: true, feedUrl, channel: policy.values.UpdateChannel ?? 'stable' };
}
