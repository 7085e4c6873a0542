import { z } from 'zod';
import type {
  CaptureSource,
  DesktopApi,
  MediaAccess,
  MediaAccessKind,
  MeetingNotice,
  SignedInAgent,
} from '../common/desktop-api';
import { settingsChangeSchema } from '../common/settings';
import type { UpdateController } from './updates/update-controller';

const noticeSchema = z.strictObject({
  kind: z.enum(['chat', 'lobby']),
  title: z.string().min(1).max(200),
  body: z.string().max(5000),
});
import { toSafeExternalUrl } from './navigation-policy';
import { devicePreferencesSchema, type SettingsStore } from './settings-store';

export interface DesktopApiDeps {
  settings: Pick<SettingsStore, 'devicePreferences' | 'setDevicePreferences' | 'state' | 'update'>;
  /** The server this run of the app trusts (origins, CSP): a new one applies after a restart. */
  serverUrlInUse: string;
  appVersion: string;
  platform: string;
  /** Hands a URL to the operating system; only ever called with a URL that passed the policy. */
  openExternal: (url: string) => Promise<void>;
  /** Agent sign-in through the system browser (see agent-sign-in.ts); the token stays here. */
  signIn: () => Promise<SignedInAgent>;
  signOut: () => Promise<void>;
  setCallActive: (active: boolean) => void;
  /** Shows a notice if the window is in the background; see meeting-notifications.ts. */
  notify: (notice: MeetingNotice) => void;
  /** The app's own picker: what can be shared, and the user's pick (see display-capture.ts). */
  listCaptureSources: () => Promise<CaptureSource[]>;
  chooseCaptureSource: (sourceId: string, withSystemAudio: boolean) => void;
  restartApp: () => void;
  focusApp: () => void;
  /** The OS's consent for a device (see media-access.ts). */
  requestMediaAccess: (kind: MediaAccessKind) => Promise<MediaAccess>;
  openMediaAccessSettings: (kind: MediaAccessKind) => Promise<boolean>;
  /** The app's own updates (see updates/update-controller.ts). */
  updates: Pick<UpdateController, 'status' | 'installNow'>;
}

const mediaAccessKindSchema = z.enum(['camera', 'microphone', 'screen']);

function parseMediaAccessKind(method: string, kind: unknown): MediaAccessKind {
  const parsed = mediaAccessKindSchema.safeParse(kind);
  if (!parsed.success) throw new Error(`${method}: 'camera', 'microphone' or 'screen' is expected`);
  return parsed.data;
}

/**
 * The main-process side of DesktopApi. Arguments arrive from the renderer through IPC, so they are
 * validated here whatever their declared types say; invalid ones are refused with a clear error
 * before anything is stored or opened.
 */
export function createDesktopApiHandlers(deps: DesktopApiDeps): DesktopApi {
  return {
    async getAppInfo() {
      return { host: 'desktop', version: deps.appVersion, platform: deps.platform };
    },
    async getServerUrl() {
      return deps.serverUrlInUse;
    },
    async getDevicePreferences() {
      return deps.settings.devicePreferences();
    },
    async setDevicePreferences(preferences) {
      const parsed = devicePreferencesSchema.safeParse(preferences);
      if (!parsed.success) {
        throw new Error(`setDevicePreferences: invalid preferences: ${z.prettifyError(parsed.error)}`);
      }
      deps.settings.setDevicePreferences(parsed.data);
    },
    async openExternal(url) {
      const parsed = z.string().safeParse(url);
      if (!parsed.success) throw new Error('openExternal: the URL must be a string');
      const safeUrl = toSafeExternalUrl(parsed.data);
      if (safeUrl === null) {
        throw new Error('openExternal: refused; only http, https and mailto links without credentials');
      }
      await deps.openExternal(safeUrl);
    },
    // Where to return is a web-client notion: the app stays on its page while the browser signs in.
    signIn: () => deps.signIn(),
    signOut: () => deps.signOut(),
    async setCallActive(active) {
      if (typeof active !== 'boolean') throw new Error('setCallActive: a boolean is expected');
      deps.setCallActive(active);
    },
    listCaptureSources: () => deps.listCaptureSources(),
    async chooseCaptureSource(sourceId, withSystemAudio) {
      if (
        typeof sourceId !== 'string' ||
        !/^(screen|window):[\w:.-]{1,100}$/.test(sourceId) ||
        typeof withSystemAudio !== 'boolean'
      ) {
        throw new Error('chooseCaptureSource: a source id such as "screen:0:0" and a boolean are expected');
      }
      deps.chooseCaptureSource(sourceId, withSystemAudio);
    },
    async getSettings() {
      return deps.settings.state(deps.serverUrlInUse);
    },
    async updateSettings(changes) {
      const parsed = settingsChangeSchema.safeParse(changes);
      if (!parsed.success) throw new Error(`updateSettings: invalid settings: ${z.prettifyError(parsed.error)}`);
      deps.settings.update(parsed.data);
      return deps.settings.state(deps.serverUrlInUse);
    },
    async restartApp() {
      deps.restartApp();
    },
    async focusApp() {
      deps.focusApp();
    },
    requestMediaAccess: async (kind) => deps.requestMediaAccess(parseMediaAccessKind('requestMediaAccess', kind)),
    openMediaAccessSettings: async (kind) =>
      deps.openMediaAccessSettings(parseMediaAccessKind('openMediaAccessSettings', kind)),
    getUpdateStatus: async () => deps.updates.status(),
    installUpdate: async () => deps.updates.installNow(),
    async notify(notice) {
      const parsed = noticeSchema.safeParse(notice);
      if (!parsed.success) throw new Error(`notify: invalid notice: ${z.prettifyError(parsed.error)}`);
      deps.notify(parsed.data);
    },
  };
}
