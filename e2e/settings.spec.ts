/**
 * The settings page: in the web client (language, start muted, remembered in the browser) and in
 * the desktop app (server URL checked before it is sent, restart to apply it, settings locked by
 * the organisation), the latter with a fake desktop API.
 */
import { expect, test } from '@playwright/test';
import { desktopCalls, openAsDesktop } from './support/fake-desktop';
import { Participant } from './support/participant';

test('web client: the language and start muted are remembered and used', async ({ browser }) => {
  const anne = await Participant.open(browser, 'Anne');
  try {
    const link = await anne.createRoom('Réglages web');
    await anne.page.getByTestId('open-settings').click();
    await expect(anne.page.getByRole('heading', { level: 1 })).toHaveText('Réglages');
    // The server and the mini window are the desktop app's.
    await expect(anne.page.getByTestId('settings-server')).toHaveCount(0);
    await expect(anne.page.getByTestId('settings-miniWindow')).toHaveCount(0);

    await anne.page.getByTestId('settings-page').getByText('English', { exact: true }).click();
    await expect(anne.page.getByRole('heading', { level: 1 })).toHaveText('Settings');
    await expect(anne.page.locator('html')).toHaveAttribute('lang', 'en');
    await anne.page.getByText('Join meetings with the microphone off').click();
    await expect(anne.page.getByTestId('settings-startMuted')).toBeChecked();
    await expect(anne.page.getByTestId('announcer')).toHaveText('Setting saved.');

    await anne.page.goto(link);
    await expect(anne.page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(anne.page.getByTestId('start-muted')).toBeChecked();
  } finally {
    await anne.close();
  }
});

test('desktop app: a wrong server URL is explained, a good one waits for a restart; locked settings stay locked', async ({
  browser,
}) => {
  const anne = await openAsDesktop(browser, 'Anne', {
    miniWindow: true,
    locked: ['miniWindow'],
  });
  try {
    await anne.page.goto('/settings');
    const server = anne.page.getByTestId('settings-server');
    await expect(server).toHaveValue(new URL(anne.page.url()).origin);

    await server.fill('http://webconf.example.gouv.fr');
    await anne.page.getByTestId('settings-server-save').click();
    await expect(anne.page.getByTestId('settings-server-error')).toBeVisible();
    await expect(server).toBeFocused();
    await expect(server).toHaveAttribute('aria-invalid', 'true');
    expect((await desktopCalls(anne.page)).filter(([method]) => method === 'updateSettings')).toEqual([]);

    await server.fill(' https://webconf.example.gouv.fr/accueil ');
    await anne.page.getByTestId('settings-server-save').click();
    await expect(anne.page.getByTestId('settings-server-error')).toHaveCount(0);
    await expect(server).toHaveValue('https://webconf.example.gouv.fr');
    const restart = anne.page.getByTestId('settings-restart');
    await expect(restart).toContainText('https://webconf.example.gouv.fr');
    await restart.getByRole('button').click();
    expect((await desktopCalls(anne.page)).map(([method]) => method)).toContain('restartApp');

    await expect(anne.page.getByTestId('settings-miniWindow')).toBeDisabled();
    await expect(anne.page.getByTestId('settings-miniWindow')).toBeChecked();
    await expect(anne.page.locator('#settings-miniWindow-hint')).toHaveText('Géré par votre organisation.');
    await expect(anne.page.getByTestId('settings-startMuted')).toBeEnabled();
  } finally {
    await anne.close();
  }
});

test('desktop app: a camera refused by the OS privacy settings is said so, with the way to the switch', async ({
  browser,
}) => {
  const anne = await openAsDesktop(browser, 'Anne', {
    miniWindow: true,
    locked: [],
    deniedBySystem: ['camera'],
  });
  try {
    const link = await anne.createRoom('Confidentialité');
    await anne.page.goto(link);
    const failure = anne.page.getByTestId('device-failure-camera');
    await expect(failure).toContainText('Votre système ne permet pas à Webconf d’utiliser la caméra');
    await expect(anne.page.getByTestId('device-failure-microphone')).toHaveCount(0);
    await failure.getByTestId('open-system-settings-camera').click();
    expect(await desktopCalls(anne.page)).toContainEqual(['openMediaAccessSettings', 'camera']);
    // The microphone was allowed: joining without a camera still works.
    await anne.join(link);
    await expect(anne.page.getByTestId('toggle-microphone')).toBeVisible();
  } finally {
    await anne.close();
  }
});

test('desktop app: a downloaded update is offered outside calls only, and installed on request', async ({
  browser,
}) => {
  const anne = await openAsDesktop(browser, 'Anne', { updateStatus: { state: 'ready', version: '0.2.0' } });
  try {
    const link = await anne.createRoom('Mise à jour');
    const banner = anne.page.getByTestId('update-banner');
    await expect(banner).toContainText('La version 0.2.0 de Webconf est prête.');
    await anne.join(link);
    await expect(banner).toHaveCount(0);
    await anne.page.getByTestId('leave-button').click();
    await anne.page.goto('/');
    await anne.page.getByTestId('update-install').click();
    expect((await desktopCalls(anne.page)).map(([method]) => method)).toContain('installUpdate');
    await anne.page.getByTestId('open-settings').click();
    await expect(anne.page.getByTestId('settings-updates')).toHaveText(
      'La version 0.2.0 est prête : elle s’installera à la fermeture de Webconf.',
    );
  } finally {
    await anne.close();
  }
});
