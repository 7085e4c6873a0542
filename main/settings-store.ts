import { readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { AppSettings, DevicePreferences, SettingKey, SettingsState } from '../common/desktop-api';
import { languageSchema, serverUrlSchema } from '../common/settings';
import { writeFileAtomicSync } from './atomic-file';
import { effectiveSettings, serverUrlRefusal } from './effective-settings';
import { NO_POLICY, type ResolvedPolicy } from './policy/resolve-policy';

export { DEFAULT_SERVER_URL } from './effective-settings';
export const SETTINGS_FILE = 'settings.json';
export const SERVER_URL_ENV = 'WEBCONF_SERVER_URL';

/** Every setting the desktop app offers. */
const DESKTOP_SETTINGS: SettingKey[] = ['serverUrl', 'language', 'miniWindow', 'startMuted'];

// Ids and labels are opaque strings from enumerateDevices; the bound only keeps junk out of the file.
const deviceChoiceSchema = z.object({
  deviceId: z.string().max(1024),
  label: z.string().max(1024),
});

export const devicePreferencesSchema = z.object({
  camera: deviceChoiceSchema.optional(),
  microphone: deviceChoiceSchema.optional(),
  speaker: deviceChoiceSchema.optional(),
}) satisfies z.ZodType<DevicePreferences>;

// Only what the user chose is stored: a missing field follows the organisation's default (or
// ours), even when that default changes later. Files of older versions stay valid.
const settingsSchema = z.object({
  serverUrl: serverUrlSchema.optional(),
  language: languageSchema.optional(),
  miniWindow: z.boolean().optional(),
  startMuted: z.boolean().optional(),
  devicePreferences: devicePreferencesSchema.default({}),
});

export type Settings = z.infer<typeof settingsSchema>;

export interface SettingsStore {
  /** The configured server, or the WEBCONF_SERVER_URL override when it is set and valid. */
  serverUrl(): string;
  language(): Settings['language'];
  miniWindow(): boolean;
  devicePreferences(): DevicePreferences;
  /**
   * Takes preferences already validated (see desktop-api-handlers). Persists first and updates
   * memory only on success, so a failed write changes nothing.
   */
  setDevicePreferences(preferences: DevicePreferences): void;
  /** The settings as the settings page shows them; `serverUrlInUse` is the one the app started with. */
  state(serverUrlInUse: string): SettingsState;
  /**
   * Saves validated changes (see common/settings.ts), refusing locked keys. Persists first, like
   * setDevicePreferences.
   */
  update(changes: Partial<AppSettings>): void;
}

export interface SettingsStoreOptions {
  userDataDir: string;
  environment: Readonly<Record<string, string | undefined>>;
  log: (message: string) => void;
  /** The organisation's policy (see policy/): enforced values win and are locked. */
  policy?: ResolvedPolicy;
  now?: () => number;
}

function isFileMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

/**
 * Reads the settings file. A corrupt or invalid one is set aside as settings.json.corrupt-<time>
 * (kept for support, never silently overwritten) and the defaults are used: a bad file must not
 * stop the app from starting.
 */
function loadSettings(filePath: string, log: (message: string) => void, now: () => number): Settings {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    if (!isFileMissing(error)) log(`settings: cannot read ${filePath}, using defaults: ${String(error)}`);
    return settingsSchema.parse({});
  }
  let problem: string;
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    problem = z.prettifyError(parsed.error);
  } catch (error) {
    problem = String(error);
  }
  const corruptPath = `${filePath}.corrupt-${now()}`;
  try {
    renameSync(filePath, corruptPath);
    log(`settings: invalid file moved to ${corruptPath}, using defaults: ${problem}`);
  } catch (error) {
    log(`settings: invalid file, using defaults (could not move it aside: ${String(error)}): ${problem}`);
  }
  return settingsSchema.parse({});
}

function serverUrlOverride(options: SettingsStoreOptions): string | undefined {
  const value = options.environment[SERVER_URL_ENV];
  if (value === undefined || value === '') return undefined;
  const parsed = serverUrlSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  options.log(`settings: ignoring ${SERVER_URL_ENV}=${value}: not an https URL (http only for this machine)`);
  return undefined;
}

export function openSettingsStore(options: SettingsStoreOptions): SettingsStore {
  const filePath = path.join(options.userDataDir, SETTINGS_FILE);
  const policy = options.policy ?? NO_POLICY;
  let settings = loadSettings(filePath, options.log, options.now ?? Date.now);
  const overriddenServerUrl = serverUrlOverride(options);
  const effective = () => effectiveSettings(settings, policy, overriddenServerUrl);

  const save = (next: Settings) => {
    writeFileAtomicSync(filePath, `${JSON.stringify(next, null, 2)}\n`);
    settings = next;
  };

  return {
    serverUrl: () => effective().values.serverUrl,
    language: () => effective().values.language,
    miniWindow: () => effective().values.miniWindow,
    devicePreferences: () => structuredClone(settings.devicePreferences),
    setDevicePreferences(preferences) {
      save({ ...settings, devicePreferences: structuredClone(preferences) });
    },
    state(serverUrlInUse) {
      const { values, locked } = effective();
      return {
        values,
        available: [...DESKTOP_SETTINGS],
        locked,
        pendingServerUrl: values.serverUrl === serverUrlInUse ? null : values.serverUrl,
      };
    },
    update(changes) {
      const { locked } = effective();
      const refused = (Object.keys(changes) as SettingKey[]).filter((key) => locked.includes(key));
      if (refused.length > 0) throw new Error(`settings: ${refused.join(', ')} cannot be changed here (locked)`);
      const refusal = changes.serverUrl === undefined ? null : serverUrlRefusal(changes.serverUrl, policy);
      if (refusal) throw new Error(refusal);
      save({ ...settings, ...changes });
    },
  };
}
