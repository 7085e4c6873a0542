/**
 * The one narrow API between the renderer and its host: implemented by the Electron preload
 * (through IPC to the main process) and by the browser for the web client. One method per message.
 */

export interface DeviceChoice {
  deviceId: string;
  /** Device ids change between sessions on some systems; the label lets us find it again. */
  label: string;
}

export interface DevicePreferences {
  camera?: DeviceChoice;
  microphone?: DeviceChoice;
  speaker?: DeviceChoice;
}

export interface AppInfo {
  host: 'desktop' | 'web';
  version: string;
  /** Node's platform names in the desktop app; 'web' in a browser. */
  platform: string;
}

export interface SignedInAgent {
  sub: string;
  name: string | null;
}

export interface MeetingNotice {
  kind: 'chat' | 'lobby';
  title: string;
  body: string;
}

/** A screen or a program window the user may share, as the app's own picker shows it. */
export interface CaptureSource {
  id: string;
  name: string;
  kind: 'screen' | 'window';
  /** PNG data URL. */
  thumbnail: string;
  /** The program's icon (windows only, where the OS gives one). */
  appIcon: string | null;
}

export type Language = 'fr' | 'en';

/** What the user may set; the host decides which of them it offers (see SettingsState). */
export interface AppSettings {
  /** The Webconf server (desktop app only): an https origin, or http on this machine. */
  serverUrl: string;
  language: Language;
  /** An always-on-top mini window while a call is in the background (desktop app only). */
  miniWindow: boolean;
  /** Join meetings with the microphone off. */
  startMuted: boolean;
}

export type SettingKey = keyof AppSettings;

export interface SettingsState {
  values: AppSettings;
  /** The settings this host offers (the web client has no server URL and no mini window). */
  available: SettingKey[];
  /** Settings fixed by the organisation or the environment: shown, but locked. */
  locked: SettingKey[];
  /** A server URL saved but not yet in use: it applies when the app restarts. */
  pendingServerUrl: string | null;
}

/** Where the operating system can refuse the app a device (macOS privacy, Windows privacy settings). */
export type MediaAccessKind = 'camera' | 'microphone' | 'screen';
/** 'granted' also where the OS has no such gate (Linux). */
export type MediaAccess = 'granted' | 'not-determined' | 'denied';

/** Why the app does not update itself: a development run, a machine-wide install, the policy, a browser. */
export type UpdatesOffReason = 'unpackaged' | 'machine-wide' | 'policy' | 'web';

/** The desktop app's own updates (always 'off' in the web client). */
export type UpdateStatus =
  | { state: 'off'; reason: UpdatesOffReason }
  | { state: 'idle' }
  | { state: 'downloading'; version: string; percent: number }
  | { state: 'ready'; version: string }
  | { state: 'failed'; message: string };

export interface DesktopApi {
  getAppInfo(): Promise<AppInfo>;
  /** Base URL of the Webconf server (https://…), whose /ws path is the signaling socket. */
  getServerUrl(): Promise<string>;
  getDevicePreferences(): Promise<DevicePreferences>;
  setDevicePreferences(preferences: DevicePreferences): Promise<void>;
  /** Opens an http(s) or mailto link outside the app (the host re-checks the scheme). */
  openExternal(url: string): Promise<void>;
  /**
   * Signs the agent in at the server's identity provider. The desktop app goes through the
   * system browser and keeps the session in its main process; the web client navigates away.
   */
  signIn(returnTo: string): Promise<SignedInAgent>;
  /** Ends the session here and at the identity provider. */
  signOut(): Promise<void>;
  /** A call started or ended: the host keeps the display awake meanwhile. */
  setCallActive(active: boolean): Promise<void>;
  /** Tells the user about something in the meeting when the app is in the background. */
  notify(notice: MeetingNotice): Promise<void>;
  /**
   * What can be shared, for the app's own picker; empty where the browser's or the OS's picker
   * is used instead (the web client, Wayland).
   */
  listCaptureSources(): Promise<CaptureSource[]>;
  /** The user's pick, answered to the next getDisplayMedia (within a few seconds). */
  chooseCaptureSource(sourceId: string, withSystemAudio: boolean): Promise<void>;
  getSettings(): Promise<SettingsState>;
  /** Validates and saves some settings; refuses locked or unavailable ones with a clear error. */
  updateSettings(changes: Partial<AppSettings>): Promise<SettingsState>;
  /** Restarts the app (a new server URL takes effect); the web client reloads the page. */
  restartApp(): Promise<void>;
  /** Brings the main window back to the front (from the mini window). */
  focusApp(): Promise<void>;
  /** Whether the OS lets the app use a device, asking the user where it has not been decided. */
  requestMediaAccess(kind: MediaAccessKind): Promise<MediaAccess>;
  /** Opens the OS settings page where the user can allow the device; false where there is none. */
  openMediaAccessSettings(kind: MediaAccessKind): Promise<boolean>;
  getUpdateStatus(): Promise<UpdateStatus>;
  /** Restarts into a downloaded update; refused during a call. */
  installUpdate(): Promise<void>;
}

export type DesktopMethod = keyof DesktopApi;

/** IPC channel of each method: one channel per message, never a generic `send`. */
export const desktopChannels = {
  getAppInfo: 'webconf:get-app-info',
  getServerUrl: 'webconf:get-server-url',
  getDevicePreferences: 'webconf:get-device-preferences',
  setDevicePreferences: 'webconf:set-device-preferences',
  openExternal: 'webconf:open-external',
  signIn: 'webconf:sign-in',
  signOut: 'webconf:sign-out',
  setCallActive: 'webconf:set-call-active',
  notify: 'webconf:notify',
  listCaptureSources: 'webconf:list-capture-sources',
  chooseCaptureSource: 'webconf:choose-capture-source',
  getSettings: 'webconf:get-settings',
  updateSettings: 'webconf:update-settings',
  restartApp: 'webconf:restart-app',
  focusApp: 'webconf:focus-app',
  requestMediaAccess: 'webconf:request-media-access',
  openMediaAccessSettings: 'webconf:open-media-access-settings',
  getUpdateStatus: 'webconf:get-update-status',
  installUpdate: 'webconf:install-update',
} as const satisfies Record<DesktopMethod, string>;

export type DesktopArgs<M extends DesktopMethod> = Parameters<DesktopApi[M]>;
export type DesktopResult<M extends DesktopMethod> = Awaited<ReturnType<DesktopApi[M]>>;

/** The global name under which the preload exposes the API. */
export const DESKTOP_API_GLOBAL = 'webconfDesktop';
