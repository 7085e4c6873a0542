/**
 * Runs the updater (electron-updater) by our rules: check at start and every 4 hours, download in
 * the background, never install during a call — only when the app quits, or when the user asks
 * from the "update ready" banner while no call is active — and never restart on its own. A failed
 * or corrupt download is reported and dropped; the running app is untouched.
 */
import type { UpdateStatus } from '../../common/desktop-api';
import type { UpdatePlan } from './update-plan';

export const CHECK_EVERY_MS = 4 * 60 * 60 * 1000;

/** The part of electron-updater's AppUpdater this uses. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  allowPrerelease: boolean;
  channel: string | null;
  disableWebInstaller: boolean;
  setFeedURL(options: { provider: 'generic'; url: string; channel?: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'download-progress', listener: (progress: { percent: number }) => void): unknown;
  on(event: 'update-available', listener: (info: { version: string }) => void): unknown;
  on(event: 'update-not-available', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface ControllerDeps {
  log: (message: string) => void;
  every: (ms: number, task: () => void) => () => void;
}

export class UpdateController {
  private current: UpdateStatus;
  private callActive = false;
  private stopTimer: (() => void) | null = null;

  constructor(
    private readonly updater: Updater,
    plan: UpdatePlan,
    private readonly deps: ControllerDeps,
  ) {
    this.current = plan.enabled ? { state: 'idle' } : { state: 'off', reason: plan.reason };
    if (!plan.enabled) return;
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = true; // quitting is the user's own restart
    updater.disableWebInstaller = true; // full installers only: each one signed and checked
    // Stable is electron-builder's default channel (latest.yml); beta reads beta.yml, which also
    // lets a machine moved back to stable return to the stable version.
    if (plan.channel === 'beta') {
      updater.channel = 'beta';
      updater.allowPrerelease = true;
      updater.setFeedURL({ provider: 'generic', url: plan.feedUrl, channel: 'beta' });
    } else {
      updater.allowDowngrade = false;
      updater.setFeedURL({ provider: 'generic', url: plan.feedUrl });
    }
    updater.on('update-available', ({ version }) => this.set({ state: 'downloading', version, percent: 0 }));
    updater.on('download-progress', ({ percent }) => {
      if (this.current.state === 'downloading') this.set({ ...this.current, percent: Math.round(percent) });
    });
    updater.on('update-not-available', () => this.set({ state: 'idle' }));
    updater.on('update-downloaded', ({ version }) => this.set({ state: 'ready', version }));
    updater.on('error', (error) => this.set({ state: 'failed', message: error.message }));
  }

  /** First check now, then every 4 hours. */
  start(): void {
    if (this.current.state === 'off' || this.stopTimer) return;
    void this.check();
    this.stopTimer = this.deps.every(CHECK_EVERY_MS, () => void this.check());
  }

  stop(): void {
    this.stopTimer?.();
    this.stopTimer = null;
  }

  async check(): Promise<void> {
    // A downloaded update waits for its install; checking again would only download it again.
    if (this.current.state === 'off' || this.current.state === 'ready') return;
    try {
      const result = (await this.updater.checkForUpdates()) as { downloadPromise?: Promise<unknown> } | null;
      // A failed download also arrives as an 'error' event, which sets the status.
      result?.downloadPromise?.catch(() => undefined);
    } catch (error) {
      this.set({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }

  setCallActive(active: boolean): void {
    this.callActive = active;
  }

  status(): UpdateStatus {
    return { ...this.current };
  }

  /** The user's click on "restart to update": refused during a call or with nothing ready. */
  installNow(): void {
    if (this.current.state !== 'ready') throw new Error('installUpdate: no update is ready');
    if (this.callActive) throw new Error('installUpdate: not during a call');
    this.deps.log(`updates: installing ${this.current.version} at the user's request`);
    this.updater.quitAndInstall(true, true);
  }

  private set(next: UpdateStatus): void {
    if (next.state !== this.current.state) this.deps.log(`updates: ${JSON.stringify(next)}`);
    this.current = next;
  }
}
