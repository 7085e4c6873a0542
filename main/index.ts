/**
 * Composition root of the main process, and the only file that imports Electron at runtime:
 * everything else receives what it needs as parameters, so it runs under plain Node tests.
 */
import { readFile } from 'node:fs/promises';
import tls from 'node:tls';
import { release } from 'node:os';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  desktopCapturer,
  ipcMain,
  net,
  Notification,
  powerSaveBlocker,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  systemPreferences,
} from 'electron';
import { autoUpdater } from 'electron-updater';
import { companionWindowOptions, setUpCompanion } from './companion-windows';
import { UpdateController } from './updates/update-controller';
import { installKind, planUpdates } from './updates/update-plan';
import { mediaAccessSettingsUrl, requestMediaAccess } from './media-access';
import { proxyConfigFor, trustSystemCertificates, type NodeTls } from './network-policy';
import { answerDisplayRequest, CapturePicks, captureMode, pickerSources } from './display-capture';
import { DisplaySleepGuard } from './display-sleep';
import { createMeetingNotifier } from './meeting-notifications';
import { createAgentAccount } from './agent-account';
import { installAgentAuthHeader } from './agent-auth-header';
import { AgentSessionStore } from './agent-session-store';
import { LINK_SCHEME, roomFromArguments, roomFromLink } from './deep-links';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME } from './app-origin';
import { createAppRequestHandler } from './app-protocol';
import { buildContentSecurityPolicy } from './csp';
import { createDesktopApiHandlers } from './desktop-api-handlers';
import { isAppFrame, registerDesktopApi } from './ipc';
import type { TrustedOrigins } from './navigation-policy';
import { guardNavigation, installPermissionHandlers, type CompanionHooks } from './security-hooks';
import { nodePolicySystem, readManagedPolicy } from './policy/policy-sources';
import { openSettingsStore } from './settings-store';
import { MIN_WINDOW_SIZE, fitBoundsToDisplays, loadWindowBounds, saveWindowBounds } from './window-state';

const DEFAULT_WINDOW_SIZE = { width: 1280, height: 800 };
// __dirname is dist/main once bundled; the renderer and preload builds sit beside it.
const RENDERER_ROOT = path.join(__dirname, '../renderer');
const PRELOAD_PATH = path.join(__dirname, '../preload/index.cjs');

const log = (message: string): void => console.warn(`[webconf] ${message}`);
const openExternal = (url: string): Promise<void> => shell.openExternal(url);

// Must precede 'ready'. A standard, secure scheme gives the app a real origin (for CSP 'self',
// permissions and IPC sender checks) and the secure context getUserMedia requires; CORS-enabled
// because Vite emits `<script type="module" crossorigin>`.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
]);

function createMainWindow(userDataDir: string, entryUrl: string): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const window = new BrowserWindow({
    ...fitBoundsToDisplays(loadWindowBounds(userDataDir), workAreas, DEFAULT_WINDOW_SIZE),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    webPreferences: {
      preload: PRELOAD_PATH,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.on('close', () => saveWindowBounds(userDataDir, window.getNormalBounds(), log));
  window.loadURL(entryUrl).catch((error: unknown) => log(`cannot load the app: ${String(error)}`));
  return window;
}

// Tests of the unpackaged app run with a profile of their own (and a second launch finds the first).
const testUserData = process.env['WEBCONF_USER_DATA_DIR'];
if (!app.isPackaged && testUserData) app.setPath('userData', testUserData);

// macOS hands webconf:// links to 'open-url', possibly before 'ready': keep the first one.
let linkBeforeReady: string | null = null;
let openLink: ((link: string) => void) | null = null;
app.on('open-url', (event, link) => {
  event.preventDefault();
  if (openLink) openLink(link);
  else linkBeforeReady = link;
});

let mainWindow: BrowserWindow;

async function start(): Promise<void> {
  await app.whenReady();
  const userDataDir = app.getPath('userData');
  const policy = await readManagedPolicy(nodePolicySystem(), log);
  const settings = openSettingsStore({ userDataDir, environment: process.env, log, policy });
  // Origins, CSP and the sign-in header are set up for this server: a new one applies at restart.
  const serverUrl = settings.serverUrl();
  const origins: TrustedOrigins = { appOrigin: APP_ORIGIN, serverOrigin: new URL(serverUrl).origin };

  protocol.handle(
    APP_SCHEME,
    createAppRequestHandler({
      rendererRoot: RENDERER_ROOT,
      contentSecurityPolicy: buildContentSecurityPolicy(serverUrl),
      readFile: (filePath) => readFile(filePath),
      log,
    }),
  );
  installPermissionHandlers(session.defaultSession, origins, log);
  const proxy = proxyConfigFor(policy, log);
  if (proxy) await session.defaultSession.setProxy(proxy);
  log(trustSystemCertificates(policy, tls as NodeTls));
  // Never waved through: without a handler that accepts, Chromium refuses the certificate.
  app.on('certificate-error', (_event, _contents, url, error) => log(`certificate refused for ${url}: ${error}`));
  // The call's mini window and sharing bar open on the display the main window is on.
  const companions: CompanionHooks = {
    options: (name) => companionWindowOptions(name, screen.getDisplayMatching(mainWindow.getBounds()).workArea),
    created: (window) => setUpCompanion(window),
  };
  app.on('web-contents-created', (_event, contents) =>
    guardNavigation(contents, origins, openExternal, log, companions),
  );
  const account = createAgentAccount({
    serverUrl,
    // Chromium's network stack: the session's proxy and the OS certificate store.
    fetch: (input, init) => net.fetch(input instanceof URL ? input.href : input, init),
    store: new AgentSessionStore(userDataDir, safeStorage, log),
    openExternal,
  });
  installAgentAuthHeader(session.defaultSession.webRequest, origins.serverOrigin, account.token);
  const displaySleep = new DisplaySleepGuard(powerSaveBlocker);
  const install = installKind({
    platform: process.platform,
    isPackaged: app.isPackaged,
    executablePath: process.execPath,
    environment: process.env,
  });
  autoUpdater.logger = { info: log, warn: log, error: log, debug: () => undefined };
  const updates = new UpdateController(autoUpdater, planUpdates(install, policy, serverUrl), {
    log,
    every: (ms, task) => {
      const timer = setInterval(task, ms);
      return () => clearInterval(timer);
    },
  });
  updates.start();
  const capturePicks = new CapturePicks();
  const pickMode = captureMode(process.platform, process.env, release());
  const captureSources = (withImages: boolean) =>
    desktopCapturer.getSources({
      types: ['screen', 'window'],
      thumbnailSize: withImages ? { width: 320, height: 180 } : { width: 0, height: 0 },
      fetchWindowIcons: withImages,
    });
  // Our own windows are never offered: sharing the call into itself only makes a mirror hall.
  const ownCaptureIds = () => new Set(BrowserWindow.getAllWindows().map((window) => window.getMediaSourceId()));
  const notifier = createMeetingNotifier({
    isWindowFocused: () => BrowserWindow.getFocusedWindow() !== null,
    isSupported: () => Notification.isSupported(),
    show: ({ title, body }) => new Notification({ title, body, silent: false }).show(),
  });
  const handlers = createDesktopApiHandlers({
    settings,
    serverUrlInUse: serverUrl,
    appVersion: app.getVersion(),
    platform: process.platform,
    openExternal,
    signIn: account.signIn,
    signOut: account.signOut,
    setCallActive: (active) => {
      displaySleep.setCallActive(active);
      updates.setCallActive(active);
    },
    notify: (notice) => notifier(notice),
    // Empty under the system's picker: the renderer then calls getDisplayMedia straight away.
    listCaptureSources: async () =>
      pickMode === 'own-picker' ? pickerSources(await captureSources(true), ownCaptureIds()) : [],
    chooseCaptureSource: (sourceId, withSystemAudio) => capturePicks.remember(sourceId, withSystemAudio),
    restartApp: () => {
      app.relaunch();
      app.quit();
    },
    focusApp: () => showMainWindow(),
    requestMediaAccess: (kind) => requestMediaAccess(kind, process.platform, systemPreferences),
    openMediaAccessSettings: async (kind) => {
      const page = mediaAccessSettingsUrl(kind, process.platform);
      if (page) await shell.openExternal(page);
      return page !== null;
    },
    updates,
  });
  // getDisplayMedia is answered with the pick made in the app's own picker, or denied.
  session.defaultSession.setDisplayMediaRequestHandler(
    (_request, callback) => {
      const pick = capturePicks.take();
      captureSources(false).then(
        (sources) => callback(answerDisplayRequest(pick, sources, process.platform, pickMode) ?? {}),
        () => callback({}),
      );
    },
    // Where the OS has its own picker (macOS 15+), Electron shows it and this handler is not called.
    { useSystemPicker: true },
  );
  registerDesktopApi(ipcMain, handlers, isAppFrame);

  // Meeting links open the meeting's page (pre-join): from the OS, a second launch, the command line.
  const roomUrl = (room: string | null) => (room ? `${APP_ENTRY_URL}r/${room}` : APP_ENTRY_URL);
  if (!app.isDefaultProtocolClient(LINK_SCHEME)) app.setAsDefaultProtocolClient(LINK_SCHEME);
  const launchRoom =
    (linkBeforeReady && roomFromLink(linkBeforeReady, serverUrl)) || roomFromArguments(process.argv, serverUrl);
  mainWindow = createMainWindow(userDataDir, roomUrl(launchRoom));
  function showMainWindow(room: string | null = null): void {
    if (mainWindow.isDestroyed()) mainWindow = createMainWindow(userDataDir, roomUrl(room));
    else if (room) void mainWindow.loadURL(roomUrl(room));
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  }
  app.on('second-instance', (_event, argv) => showMainWindow(roomFromArguments(argv, serverUrl)));
  openLink = (link) => showMainWindow(roomFromLink(link, serverUrl));
  app.on('activate', () => showMainWindow()); // macOS: the dock icon reopens the closed window
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

// A second launch hands over to the running instance (its 'second-instance' event) and quits.
if (app.requestSingleInstanceLock()) {
  start().catch((error: unknown) => {
    log(`startup failed: ${String(error)}`);
    app.exit(1);
  });
} else {
  app.quit();
}
