/**
 * Agent sign-in through a real OpenID Connect issuer, as a new user would: on a server that trusts
 * no network, a guest may not create a meeting; an agent signs in on the issuer's login page,
 * creates one, copies its link; a guest opens it, joins, and both see and hear each other.
 */
import { expect, test } from '@playwright/test';
import { expectMediaFlowing, Participant } from './support/participant';
import { signInServer } from './support/servers';

test('an agent signs in, creates a meeting, and a guest joins it by its link', async ({ browser }) => {
  const agent = await Participant.open(browser, 'Camille Durand');
  const guest = await Participant.open(browser, 'Invité extérieur');
  try {
    await test.step('a guest cannot create a meeting, and is told how agents do', async () => {
      await guest.page.goto(`${signInServer.url}/`);
      await expect(guest.page.getByTestId('create-refused')).toContainText('ProConnect');
      await expect(guest.page.getByTestId('home-create')).toHaveCount(0);
    });

    await test.step('the agent signs in on the identity provider’s page', async () => {
      await agent.page.goto(`${signInServer.url}/`);
      await agent.page.getByTestId('sign-in').click();
      await agent.page.waitForURL(new RegExp(`^http://127\\.0\\.0\\.1:${signInServer.issuerPort}/`));
      await agent.page.locator('input[name="login"]').fill('camille.durand');
      await agent.page.locator('input[name="password"]').fill('un mot de passe');
      await agent.page.locator('button[type="submit"]').click();
      // The provider asks once for consent to share the claims.
      const consent = agent.page.locator('button[type="submit"]');
      await consent.waitFor({ timeout: 10_000 });
      if (new URL(agent.page.url()).port === String(signInServer.issuerPort)) await consent.click();
      await agent.page.waitForURL(`${signInServer.url}/`);
      await expect(agent.page.getByTestId('signed-in')).toContainText('Camille Durand');
    });

    const link = await test.step('the agent creates the meeting and copies its link', async () => {
      await agent.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: signInServer.url });
      const created = await agent.createRoom('Réunion de service', signInServer.url);
      await agent.page.getByRole('button', { name: /Copier le lien/ }).click();
      const copied = await agent.page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toBe(created);
      return copied;
    });

    await agent.join(link);
    await guest.join(link);
    await expectMediaFlowing(agent, [guest]);
    await expectMediaFlowing(guest, [agent]);
  } finally {
    await agent.close();
    await guest.close();
  }
});
