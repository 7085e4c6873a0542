/**
 * The settings the app runs with: what the organisation enforces, then (for the server) the
 * WEBCONF_SERVER_URL override, then what the user chose, then the organisation's defaults, then
 * ours. Enforced keys — and the server when LockServerUrl is set — are locked in the settings page.
 */
import type { AppSettings, SettingKey } from '../common/desktop-api';
import { DEFAULT_SETTINGS } from '../common/settings';
import type { PolicyKey } from './policy/policy-keys';
import type { ResolvedPolicy } from './policy/resolve-policy';

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8080';

const POLICY_OF: { [K in SettingKey]: PolicyKey } = {
  serverUrl: 'ServerUrl',
  language: 'Language',
  miniWindow: 'MiniWindow',
  startMuted: 'StartMuted',
};

export interface EffectiveSettings {
  values: AppSettings;
  locked: SettingKey[];
}

export function effectiveSettings(
  chosen: Partial<AppSettings>,
  policy: ResolvedPolicy,
  serverUrlOverride: string | undefined,
): EffectiveSettings {
  const builtIn: AppSettings = { ...DEFAULT_SETTINGS, serverUrl: DEFAULT_SERVER_URL };
  const locked: SettingKey[] = [];
  const pick = <K extends SettingKey>(key: K): AppSettings[K] => {
    const policyKey = POLICY_OF[key];
    const fromPolicy = policy.values[policyKey] as AppSettings[K] | undefined;
    if (fromPolicy !== undefined && policy.enforced.has(policyKey)) {
      locked.push(key);
      return fromPolicy;
    }
    if (key === 'serverUrl' && serverUrlOverride !== undefined) {
      locked.push(key);
      return serverUrlOverride as AppSettings[K];
    }
    return chosen[key] ?? fromPolicy ?? builtIn[key];
  };
  const values: AppSettings = {
    serverUrl: pick('serverUrl'),
    language: pick('language'),
    miniWindow: pick('miniWindow'),
    startMuted: pick('startMuted'),
  };
  const allowed = policy.values.AllowedServerUrls;
  if (allowed && !allowed.includes(values.serverUrl)) values.serverUrl = allowed[0]!;
  if (policy.values.LockServerUrl && !locked.includes('serverUrl')) locked.push('serverUrl');
  return { values, locked: locked.sort() };
}

/** Why a server URL the user typed is refused by the policy, or null. */
export function serverUrlRefusal(serverUrl: string, policy: ResolvedPolicy): string | null {
  const allowed = policy.values.AllowedServerUrls;
  if (allowed && !allowed.includes(serverUrl)) {
    return `settings: ${serverUrl} is not among the servers your organisation allows (${allowed.join(', ')})`;
  }
  return null;
}
