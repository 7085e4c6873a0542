import { readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { DevicePreferences } from '../common/desktop-api';
import { writeFileAtomicSync } from './atomic-file';

export const SETTINGS_FILE = 'settings.json';
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8080';
export const SERVER_URL_ENV = 'WEBCONF_SERVER_URL';

const httpUrlSchema = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}, 'must be an http(s) URL without credentials');

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
  serverUrl: httpUrlSchema.default(DEFAULT_SERVER_URL),
  language: z.enum(['fr', 'en']).default('fr'),
  devicePreferences: devicePreferencesSchema.default({}),
});

export type Settings = z.infer<typeof settingsSchema>;

export interface SettingsStore {
  /** The configured server, or the WEBCONF_SERVER_URL override when it is set and valid. */
  serverUrl(): string;
  language(): Settings['language'];
  devicePreferences(): DevicePreferences;
  /**
   * Takes preferences already validated (see desktop-api-handlers). Persists first and updates
   * memory only on success, so a failed write changes nothing.
   */
  setDevicePreferences(preferences: DevicePreferences): void;
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
  if (httpUrlSchema.safeParse(value).success) return value;
  options.log(`settings: ignoring ${SERVER_URL_ENV}=${value}: not an http(s) URL`);
  return undefined;
}

export function openSettingsStore(options: SettingsStoreOptions): SettingsStore {
  const filePath = path.join(options.userDataDir, SETTINGS_FILE);
  let settings = loadSettings(filePath, options.log, options.now ?? Date.now);
  const overriddenServerUrl = serverUrlOverride(options);

  return {
    serverUrl: () => overriddenServerUrl ?? settings.serverUrl,
    language: () => settings.language,
    devicePreferences: () => structuredClone(settings.devicePreferences),
    setDevicePreferences(preferences) {
      const next: Settings = {
        ...settings,
        devicePreferences: structuredClone(preferences),
      };
      writeFileAtomicSync(filePath, `${JSON.stringify(next, null, 2)}\n`);
      settings = next;
    },
  };
}
