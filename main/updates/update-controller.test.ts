import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CHECK_EVERY_MS, UpdateController, type Updater } from './update-controller';

/** The updater's boundary only: what the controller sets and asks for. Behaviour is in updater.test.ts. */
function fakeUpdater() {
  const events = new EventEmitter();
  const calls: string[] = [];
  const updater = Object.assign(events, {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    allowDowngrade: true,
    allowPrerelease: false,
    channel: null as string | null,
    disableWebInstaller: false,
    setFeedURL: (options: { url: string; channel?: string }) =>
      void calls.push(`feed ${options.url} ${options.channel ?? ''}`),
    checkForUpdates: async () => void calls.push('check'),
    quitAndInstall: () => void calls.push('install'),
  });
  return { updater: updater as unknown as Updater & EventEmitter, calls };
}

describe('UpdateController', () => {
  it('checks at start and every 4 hours, and stops', () => {
    const { updater, calls } = fakeUpdater();
    const timers: Array<[number, () => void]> = [];
    let stopped = false;
    const controller = new UpdateController(
      updater,
      { enabled: true, feedUrl: 'https://w.gouv.fr/updates/', channel: 'stable' },
      { log: () => undefined, every: (ms, task) => (timers.push([ms, task]), () => void (stopped = true)) },
    );
    controller.start();
    controller.start(); // once only
    expect(timers.map(([ms]) => ms)).toEqual([CHECK_EVERY_MS]);
    timers[0]![1]();
    expect(calls).toEqual(['feed https://w.gouv.fr/updates/ ', 'check', 'check']);
    expect(updater).toMatchObject({
      autoDownload: true,
      autoInstallOnAppQuit: true,
      allowDowngrade: false,
      disableWebInstaller: true,
    });
    controller.stop();
    expect(stopped).toBe(true);
  });

  it('follows the updater’s events, and never checks again once an update waits', async () => {
    const { updater, calls } = fakeUpdater();
    const controller = new UpdateController(
      updater,
      { enabled: true, feedUrl: 'https://w/', channel: 'beta' },
      { log: () => undefined, every: () => () => undefined },
    );
    expect(updater.channel).toBe('beta');
    updater.emit('update-available', { version: '2.0.0' });
    updater.emit('download-progress', { percent: 41.6 });
    expect(controller.status()).toEqual({ state: 'downloading', version: '2.0.0', percent: 42 });
    updater.emit('update-downloaded', { version: '2.0.0' });
    await controller.check();
    expect(calls.filter((call) => call === 'check')).toEqual([]);
    expect(() => controller.installNow()).not.toThrow();
    expect(calls).toContain('install');
  });

  it('does nothing when off, and says why', async () => {
    const { updater, calls } = fakeUpdater();
    const controller = new UpdateController(
      updater,
      { enabled: false, reason: 'policy' },
      { log: () => undefined, every: () => () => undefined },
    );
    controller.start();
    await controller.check();
    expect(calls).toEqual([]);
    expect(controller.status()).toEqual({ state: 'off', reason: 'policy' });
    expect(() => controller.installNow()).toThrow(/no update is ready/);
  });
});
