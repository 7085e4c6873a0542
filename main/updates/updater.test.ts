/**
 * electron-updater itself (its Windows updater), driven by our controller against a real HTTP
 * server on 127.0.0.1 serving the feed with the server's own /updates/ handler, through a test
 * app adapter — the approach of electron-builder's own updater tests. Only the installer's launch
 * is replaced: it is recorded instead of run.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type RequestOptions, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as BuilderUtilRuntime from 'builder-util-runtime';
import type { DownloadOptions } from 'builder-util-runtime';
import { NsisUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serveUpdateFeed, UPDATES_PATH } from '../../server/http/update-feed';
import { resolvePolicy } from '../policy/resolve-policy';
import { UpdateController } from './update-controller';
import { planUpdates } from './update-plan';

// electron-updater announces a restart on Electron's own autoUpdater (require('electron'), which
// cannot load without the binary): that one module is stubbed, at the boundary.
const requireHere = createRequire(import.meta.url);
// The HTTP code of electron-updater's own copy of builder-util-runtime (which checks the sha512).
const { configureRequestOptions, configureRequestUrl, HttpExecutor } = createRequire(
  requireHere.resolve('electron-updater'),
)('builder-util-runtime') as typeof BuilderUtilRuntime;
const electronPath = requireHere.resolve('electron');
const quitAnnouncements: string[] = [];
const electronStub = { autoUpdater: { emit: (event: string) => void quitAnnouncements.push(event) } };
requireHere.cache[electronPath] = {
  id: electronPath,
  filename: electronPath,
  loaded: true,
  exports: electronStub,
} as never;

/**
 * Plain Node HTTP where the app uses Electron's network stack; `download` as electron-updater's
 * own executor does it, on the shared HttpExecutor code (which checks the sha512).
 */
class NodeHttpExecutor extends HttpExecutor<ReturnType<typeof request>> {
  createRequest(options: RequestOptions, callback: (response: unknown) => void) {
    return request(options, callback);
  }

  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error == null ? resolve(destination) : reject(error)),
          responseHandler: null,
        },
        0,
      );
    });
  }
}

/** What electron-updater needs of the app, in a temporary folder, with the quit observable. */
class TestAppAdapter implements AppAdapter {
  readonly name = 'Webconf';
  readonly isPackaged = true;
  readonly appUpdateConfigPath: string;
  readonly userDataPath: string;
  readonly baseCachePath: string;
  quitHandlers: Array<(exitCode: number) => void> = [];
  constructor(
    readonly version: string,
    folder: string,
    publisherName?: string,
  ) {
    this.userDataPath = path.join(folder, 'user-data');
    this.baseCachePath = path.join(folder, 'cache');
    this.appUpdateConfigPath = path.join(folder, 'app-update.yml');
    const publisher = publisherName ? `publisherName:\n  - ${publisherName}\n` : '';
    writeFileSync(
      this.appUpdateConfigPath,
      `provider: generic\nurl: http://unused.invalid/\nupdaterCacheDirName: webconf-updater\n${publisher}`,
    );
  }
  quits = 0;
  whenReady = () => Promise.resolve();
  relaunch = () => undefined;
  quit = () => void this.quits++;
  onQuit(handler: (exitCode: number) => void): void {
    this.quitHandlers.push(handler);
  }
}

/** The Windows updater with the installer's launch recorded instead of run. */
class RecordingNsisUpdater extends NsisUpdater {
  installs: Array<{ isSilent: boolean; isForceRunAfter: boolean }> = [];
  protected override doInstall(options: { isSilent: boolean; isForceRunAfter: boolean }): boolean {
    this.installs.push({ isSilent: options.isSilent, isForceRunAfter: options.isForceRunAfter });
    return true;
  }
}

let folder: string;
let feed: string;
let server: Server;
let feedUrl: string;
const installer = randomBytes(256 * 1024);
const sha512 = (bytes: Buffer) => createHash('sha512').update(bytes).digest('base64');

function publish(channelFile: string, version: string, extra: { sha512?: string; stagingPercentage?: number } = {}) {
  const file = `Webconf-Setup-${version}.exe`;
  writeFileSync(path.join(feed, file), installer);
  const digest = extra.sha512 ?? sha512(installer);
  const staging = extra.stagingPercentage === undefined ? '' : `stagingPercentage: ${extra.stagingPercentage}\n`;
  writeFileSync(
    path.join(feed, channelFile),
    `version: ${version}\nfiles:\n  - url: ${file}\n    sha512: ${digest}\n    size: ${installer.length}\npath: ${file}\nsha512: ${digest}\nreleaseDate: '2026-12-01T10:00:00.000Z'\n${staging}`,
  );
}

function setUp(
  options: { version?: string; policy?: Record<string, unknown>; publisherName?: string; userId?: string } = {},
) {
  const app = new TestAppAdapter(options.version ?? '1.0.0', folder, options.publisherName);
  if (options.userId) {
    mkdirSync(app.userDataPath, { recursive: true });
    writeFileSync(path.join(app.userDataPath, '.updaterId'), options.userId);
  }
  const updater = new RecordingNsisUpdater(null, app);
  (updater as unknown as { httpExecutor: unknown }).httpExecutor = new NodeHttpExecutor();
  updater.logger = null;
  // As electron-builder's own tests do: the Windows feed files on any test machine, full downloads.
  (updater as unknown as { _testOnlyOptions: object })._testOnlyOptions = {
    platform: 'win32',
    isUseDifferentialDownload: false,
  };
  const policy = resolvePolicy([{ name: 'test', scope: 'machine', enforced: options.policy ?? {}, defaults: {} }]);
  const plan = planUpdates('per-user', policy, 'https://unused.invalid');
  const controller = new UpdateController(updater, plan.enabled ? { ...plan, feedUrl } : plan, {
    log: () => undefined,
    every: () => () => undefined,
  });
  return { app, updater, controller };
}

const settled = async (controller: UpdateController) => {
  await controller.check();
  const deadline = Date.now() + 10_000;
  while (['idle', 'downloading'].includes(controller.status().state) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (controller.status().state === 'idle') break;
  }
  return controller.status();
};

beforeEach(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'webconf-updater-'));
  feed = path.join(folder, 'feed');
  mkdirSync(feed);
  server = createServer((req, res) => {
    const urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
    void serveUpdateFeed(feed, req, res, urlPath);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${UPDATES_PATH}`;
});
afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(folder, { recursive: true, force: true });
});

describe('updates through electron-updater', () => {
  it('downloads a newer version, checks its sha512, and waits for the user', async () => {
    publish('latest.yml', '1.1.0');
    const { controller, updater } = setUp();
    expect(await settled(controller)).toEqual({ state: 'ready', version: '1.1.0' });
    expect(updater.installs).toEqual([]);
  });

  it('stays idle when the feed has nothing newer', async () => {
    publish('latest.yml', '1.0.0');
    const { controller } = setUp();
    expect(await settled(controller)).toEqual({ state: 'idle' });
  });

  it('rejects an installer whose sha512 does not match, and keeps nothing of it', async () => {
    publish('latest.yml', '1.1.0', { sha512: sha512(Buffer.from('another file')) });
    const { controller, app } = setUp();
    const status = await settled(controller);
    expect(status.state).toBe('failed');
    expect(status.state === 'failed' && status.message).toMatch(/sha512 checksum mismatch/);
    const cached = path.join(app.baseCachePath, 'webconf-updater');
    const left = (() => {
      try {
        return readdirSync(cached, { recursive: true }).filter((name) => String(name).endsWith('.exe'));
      } catch {
        return [];
      }
    })();
    expect(left).toEqual([]);
  });

  it('rejects an installer not signed by the publisher the app expects', async () => {
    publish('latest.yml', '1.1.0');
    const { controller, updater } = setUp({ publisherName: 'Direction interministérielle du numérique' });
    updater.verifyUpdateCodeSignature = async () => 'signed by someone else';
    const status = await settled(controller);
    expect(status.state === 'failed' && status.message).toMatch(/not signed by the application owner/);
  });

  it('respects a staged rollout: a user outside the first percent gets nothing yet', async () => {
    publish('latest.yml', '1.1.0', { stagingPercentage: 1 });
    const { controller } = setUp({ userId: 'ffffffff-ffff-4fff-bfff-ffffffffffff' });
    expect(await settled(controller)).toEqual({ state: 'idle' });
  });

  it('follows the beta channel when the policy says so', async () => {
    publish('latest.yml', '1.0.0');
    publish('beta.yml', '1.1.0-beta.1');
    const { controller } = setUp({ policy: { UpdateChannel: 'beta' } });
    expect(await settled(controller)).toEqual({ state: 'ready', version: '1.1.0-beta.1' });
  });

  it('does nothing at all when the policy turns updates off', async () => {
    publish('latest.yml', '1.1.0');
    const { controller } = setUp({ policy: { AutoUpdate: 'off' } });
    expect(await settled(controller)).toEqual({ state: 'off', reason: 'policy' });
  });

  it('never installs during a call: refused then, and installed when the app quits', async () => {
    publish('latest.yml', '1.1.0');
    const { controller, updater, app } = setUp();
    expect(await settled(controller)).toMatchObject({ state: 'ready' });
    controller.setCallActive(true);
    expect(() => controller.installNow()).toThrow(/not during a call/);
    expect(updater.installs).toEqual([]);
    for (const handler of app.quitHandlers) handler(0);
    expect(updater.installs).toEqual([{ isSilent: true, isForceRunAfter: false }]);
  });

  it('installs at the user’s request once the call is over', async () => {
    publish('latest.yml', '1.1.0');
    const { controller, updater, app } = setUp();
    await settled(controller);
    controller.setCallActive(true);
    controller.setCallActive(false);
    controller.installNow();
    expect(updater.installs).toEqual([{ isSilent: true, isForceRunAfter: true }]);
    await expect.poll(() => app.quits).toBe(1); // then the app quits for the installer
    expect(quitAnnouncements).toContain('before-quit-for-update');
  });
});
