/**
 * The rules of the user's settings, shared by the main process (which stores them) and the
 * renderer (whose form says what is wrong before anything is sent).
 */
import { z } from 'zod';
import type { AppSettings } from './desktop-api';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The origin of an acceptable Webconf server, or null. Sessions and meeting links travel to it,
 * so it must be https; plain http is only accepted on this machine (a local test server). A path
 * is dropped (the server lives at its origin's root); credentials in the URL are refused.
 */
export function normalizeServerUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.username !== '' || url.password !== '') return null;
  if (url.protocol === 'https:') return url.origin;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return url.origin;
  return null;
}

export const serverUrlSchema = z
  .string()
  .max(2048)
  .transform((value, context) => {
    const normalized = normalizeServerUrl(value);
    if (normalized === null) {
      context.addIssue({ code: 'custom', message: 'must be an https URL (http only for this machine)' });
      return z.NEVER;
    }
    return normalized;
  });

export const languageSchema = z.enum(['fr', 'en']);

/** A change to some settings; unknown keys are refused rather than silently dropped. */
export const settingsChangeSchema = z
  .strictObject({
    serverUrl: serverUrlSchema,
    language: languageSchema,
    miniWindow: z.boolean(),
    startMuted: z.boolean(),
  })
  .partial() satisfies z.ZodType<Partial<AppSettings>, unknown>;

export const DEFAULT_SETTINGS: Omit<AppSettings, 'serverUrl'> = {
  language: 'fr',
  miniWindow: true,
  startMuted: false,
};
