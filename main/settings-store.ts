import { readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { AppSettings, DevicePreferences, SettingKey, SettingsState } from '../common/desktop-api';
import { DEFAULT_SETTINGS, languageSchema, serverUrlSchema } from '../common/settings';
import { writeFileAtomicSync } from './atomic-file';

export const SETTINGS_FILE = 'settings.json';
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8080';
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

// Missing fields take their defaults, so files written by older versions stay valid.
const settingsSchema = z.object({
  serverUrl: serverUrlSchema.default(DEFAULT_SERVER_URL),
  language: languageSchema.default(DEFAULT_SETTINGS.language),
  miniWindow: z.boolean().default(DEFAULT_SETTINGS.miniWindow),
  startMuted: z.boolean().default(DEFAULT_SETTINGS.startMuted),
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
  let settings = loadSettings(filePath, options.log, options.now ?? Date.now);
  const overriddenServerUrl = serverUrlOverride(options);
  // The environment's server wins over the file: the page shows it locked.
  const locked: SettingKey[] = overriddenServerUrl === undefined ? [] : ['serverUrl'];
  const serverUrl = () => overriddenServerUrl ?? settings.serverUrl;

  const save = (next: Settings) => {
    writeFileAtomicSync(filePath, `${JSON.stringify(next, null, 2)}\n`);
    settings = next;
  };

  return {
    serverUrl,
    language: () => settings.language,
    miniWindow: () => settings.miniWindow,
    devicePreferences: () => structuredClone(settings.devicePreferences),
    setDevicePreferences(preferences) {
      save({ ...settings, devicePreferences: structuredClone(preferences) });
    },
    state(serverUrlInUse) {
      const { language, miniWindow, startMuted } = settings;
      return {
        values: { serverUrl: serverUrl(), language, miniWindow, startMuted },
        available: [...DESKTOP_SETTINGS],
        locked: [...locked],
        pendingServerUrl: serverUrl() === serverUrlInUse ? null : serverUrl(),
      };
    },
    update(changes) {
      const refused = (Object.keys(changes) as SettingKey[]).filter((key) => locked.includes(key));
      if (refused.length > 0) throw new Error(`settings: ${refused.join(', ')} cannot be changed here (locked)`);
      save({ ...settings, ...changes });
    },
  };
}
