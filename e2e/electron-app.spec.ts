/**
 * The real desktop app, launched by Playwright's Electron driver: the app origin and its narrow
 * bridge, a call with a browser peer, the app's own picker with the OS's real sources, and meeting
 * links from the command line and from a second launch. Where no Electron binary is installed
 * (machines without internet), every test is skipped with the reason "skipped: no Electron binary".
 */
import { _electron, expect, test, type ElectronApplication } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DESKTOP_API_GLOBAL, desktopChannels } from '../common/desktop-api';
import { fakeMediaSwitches, findElectronBinary, mainBundle } from './support/electron';
import { Participant } from './support/participant';
import { e2ePort } from './support/servers';

const electronBinary = findElectronBinary();
test.skip(electronBinary === null, 'skipped: no Electron binary');

const serverUrl = `http://127.0.0.1:${e2ePort}`;
let userData: string;
const apps: ElectronApplication[] = [];

test.beforeEach(() => {
  userData = mkdtempSync(path.join(tmpdir(), 'webconf-electron-'));
});
test.afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close().catch(() => undefined)));
  rmSync(userData, { recursive: true, force: true });
});

/** The built app, on the e2e server, with a profile of its own and fake media. */
async function launch(...extraArgs: string[]): Promise<ElectronApplication> {
  const app = await _electron.launch({
    executablePath: electronBinary!,
    args: [...fakeMediaSwitches, mainBundle, ...extraArgs],
    env: { ...process.env, WEBCONF_SERVER_URL: serverUrl, WEBCONF_USER_DATA_DIR: userData },
  });
  apps.push(app);
  return app;
}

test('serves the app from its own origin and exposes only the desktop API', async () => {
  const page = await (await launch()).firstWindow();
  await page.waitForLoadState('domcontentloaded');
  expect(page.url()).toBe('app://webconf/');
  const exposed = await page.evaluate((globalName) => {
    const scope = globalThis as Record<string, unknown>;
    const api = scope[globalName];
    return {
      methods: typeof api === 'object' && api !== null ? Object.keys(api).sort() : [],
      hasRequire: 'require' in scope,
      hasProcess: 'process' in scope,
    };
  }, DESKTOP_API_GLOBAL);
  expect(exposed).toEqual({ methods: Object.keys(desktopChannels).sort(), hasRequire: false, hasProcess: false });
});

test('joins a call with a browser peer, and shares a window picked in the app’s own picker', async ({ browser }) => {
  const bruno = await Participant.open(browser, 'Bruno');
  try {
    const link = await bruno.host('Depuis l’application');
    const roomId = new URL(link).pathname.split('/').pop()!;
    const page = await (await launch(`webconf://join/${roomId}`)).firstWindow();
    await expect(page).toHaveURL(`app://webconf/r/${roomId}`);
    await page.getByTestId('display-name').fill('Anne');
    await page.getByTestId('join-button').click();
    await expect(page.getByTestId('tile-name').getByText('Bruno', { exact: true })).toBeVisible();
    await expect(bruno.page.getByTestId('tile-name').getByText('Anne', { exact: true })).toBeVisible();

    await page.getByTestId('toggle-screen').click();
    const sources = page.getByTestId('source-picker').getByTestId('capture-source');
    await expect(sources.first()).toBeVisible();
    await sources.first().click();
    await page.getByTestId('picker-share').click();
    await expect(bruno.page.getByTestId('screen-share')).toBeVisible();
  } finally {
    await bruno.close();
  }
});

test('a meeting link given to a second launch opens in the running app', async () => {
  const app = await launch();
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  const second = await _electron
    .launch({
      executablePath: electronBinary!,
      args: [mainBundle, `${serverUrl}/r/abcdefghijklmnopqrstuvwxyz`],
      env: { ...process.env, WEBCONF_SERVER_URL: serverUrl, WEBCONF_USER_DATA_DIR: userData },
    })
    .catch(() => null); // the second instance hands over and quits, possibly before Playwright attaches
  await second?.close().catch(() => undefined);
  await expect(page).toHaveURL('app://webconf/r/abcdefghijklmnopqrstuvwxyz');
});
