// Accounts and safer supervisor actions (issue 16 items 3 and 4), in English and in French:
//   1. a user changes their password from "My account" (a wrong current password is refused at
//      the field) and signs in with the new one; a French user does it in French and switches
//      their language, which follows them at the next sign-in;
//   2. the first admin (generated password) is sent to the change-password page from every page
//      until they choose a strong password;
//   3. the agents page shows a SIPp phone registering through the SIP edge and the runtime's
//      registrar (digest auth; user agent, address, expiry) and then expiring — live, without a
//      reload and without a new REGISTER — and a presence change pushed by the server;
//   4. rolling back asks, says what goes live and keeps the draft when told to; duplicating asks
//      the new name; creating a flow opens the editor.
// Screenshots: test-results/screenshots/accounts-*.png.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { createUserWithPassword } from '@/app/lib/users/create-user';
import { createUser } from '@/tests/support/factories';
import { freeUdpPort } from '@/tests/sip-edge/helpers';
import { createAgent, registerAgent, startRuntime } from '@/tests/calls/support';
import { expect, test } from './support/fixtures';

/* eslint-disable @typescript-eslint/no-explicit-any -- flow documents are edited as plain JSON */
const demo = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../fixtures/flows/good/demo.json'), 'utf8'));
const strongPassword = () => `tournesol-${randomBytes(3).toString('hex')}-ascenseur-violon`;

async function call(request: APIRequestContext, method: 'post' | 'put' | 'get', url: string, data?: unknown) {
  const res = await request[method](url, { headers: { origin: process.env.E2E_BASE_URL! }, ...(data === undefined ? {} : { data }) });
  expect(res.ok(), `${method} ${url}: ${res.status()} ${await res.text()}`).toBe(true);
  return res.json();
}

async function signInWith(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
}

async function signOut(page: Page, label: 'Sign out' | 'Se déconnecter') {
  await page.locator('.user-menu summary').click();
  await page.getByRole('button', { name: label }).click();
  await page.waitForURL('**/sign-in');
}

test('a user changes their password and their language from My account, in English and in French', async ({ page, admin, prisma, signIn, snapshot, baseURL }) => {
  await signIn(admin);
  await page.locator('.user-menu summary').click();
  await page.getByRole('link', { name: 'My account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();
  await expect(page.getByRole('main').getByText(admin.email)).toBeVisible();

  // A wrong current password is refused at its field.
  const next = strongPassword();
  await page.getByLabel('Current password').fill('not-my-password');
  await page.getByLabel('New password', { exact: true }).fill(next);
  await page.getByLabel('New password again').fill(next);
  await page.getByRole('button', { name: 'Change the password' }).click();
  await expect(page.getByText('This is not your current password.')).toBeVisible();
  await expect(page.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');
  // A weak new password, with the new-user form's reason.
  await page.getByLabel('Current password').fill(admin.password);
  await page.getByLabel('New password', { exact: true }).fill('motdepasse123');
  await page.getByLabel('New password again').fill('motdepasse123');
  await page.getByRole('button', { name: 'Change the password' }).click();
  await expect(page.getByText('This password is in lists of common passwords; choose another.')).toBeVisible();
  // Then the right one.
  await page.getByLabel('New password', { exact: true }).fill(next);
  await page.getByLabel('New password again').fill(next);
  await page.getByRole('button', { name: 'Change the password' }).click();
  await expect(page.getByText('Your password has been changed. Your other sessions have been signed out.')).toBeVisible();
  await snapshot('accounts-password-changed-en');

  await signOut(page, 'Sign out');
  await signInWith(page, admin.email, admin.password);
  await expect(page.getByText('Wrong email address or password.')).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in$/);
  await signIn({ ...admin, password: next });

  // A French-speaking supervisor: the same in French, then English chosen as their language.
  const french = await createUser(prisma, admin.organizationId, 'supervisor', 'fr');
  await signOut(page, 'Sign out');
  await signIn(french);
  await page.locator('.user-menu summary').click();
  await page.getByRole('link', { name: 'Mon compte' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mon compte' })).toBeVisible();
  const nextFr = strongPassword();
  await page.getByLabel('Mot de passe actuel').fill('pas-le-bon');
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(nextFr);
  await page.getByLabel('Confirmer le nouveau mot de passe').fill(nextFr);
  await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await expect(page.getByText("Ce n'est pas votre mot de passe actuel.")).toBeVisible();
  await snapshot('accounts-wrong-password-fr');
  await page.getByLabel('Mot de passe actuel').fill(french.password);
  await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await expect(page.getByText('Votre mot de passe a été changé. Vos autres sessions ont été déconnectées.')).toBeVisible();
  await snapshot('accounts-password-changed-fr');

  await page.getByLabel("Langue de l'administration").selectOption('en');
  await page.getByRole('button', { name: 'Enregistrer la langue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();
  expect((await prisma.user.findUniqueOrThrow({ where: { id: french.id } })).locale).toBe('en');
  // The language follows the user: signed out, then in again from a browser set to French.
  await signOut(page, 'Sign out');
  await page.context().clearCookies();
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'fr', url: baseURL! }]);
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
  await signIn({ ...french, password: nextFr });
  await expect(page.getByRole('heading', { level: 1, name: 'Flows' })).toBeVisible();
});

test('the first admin is asked to replace the generated password before anything else', async ({ page, admin, prisma, snapshot }) => {
  const generated = randomBytes(12).toString('base64url');
  const first = await createUserWithPassword(prisma, {
    organizationId: admin.organizationId, email: `first-${randomBytes(4).toString('hex')}@e2e.relais.local`, name: 'Premier Admin', role: 'admin', password: generated, locale: 'fr', mustChangePassword: true,
  });
  await signInWith(page, first.email, generated);
  await page.waitForURL('**/change-password');
  await expect(page.getByRole('heading', { level: 1, name: 'Choisissez votre mot de passe' })).toBeVisible();
  await expect(page.getByText(first.email, { exact: false })).toBeVisible();
  await snapshot('accounts-forced-fr');
  // Every page sends them back here.
  for (const path of ['/flows', '/agents', '/account']) {
    await page.goto(path);
    await page.waitForURL('**/change-password');
  }
  await page.getByLabel('Mot de passe actuel').fill(generated);
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('azertyuiop');
  await page.getByLabel('Confirmer le nouveau mot de passe').fill('azertyuiop');
  await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
  await expect(page.getByText('Ce mot de passe est trop facile à deviner', { exact: false })).toBeVisible();
  // In English too (the language switch of the page).
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Choose your password' })).toBeVisible();
  await snapshot('accounts-forced-en');
  const chosen = strongPassword();
  await page.getByLabel('Current password').fill(generated);
  await page.getByLabel('New password', { exact: true }).fill(chosen);
  await page.getByLabel('New password again').fill(chosen);
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.waitForURL('**/flows');
  await page.goto('/agents');
  await expect(page).toHaveURL(/\/agents$/);
  expect((await prisma.user.findUniqueOrThrow({ where: { id: first.id } })).mustChangePassword).toBe(false);
});

test('the agents page shows a SIPp phone registering and then expiring, and presence changes, live', async ({ page, snapshot }) => {
  test.setTimeout(180_000);
  const databaseUrl = process.env.E2E_DATABASE_URL!;
  // A runtime (SIP edge + registrar) on the admin's database; registrations may be as short as 5 s.
  const rt = await startRuntime({ databaseName: new URL(databaseUrl).pathname.slice(1), keepDatabase: true, registrar: { minExpires: 5 } });
  try {
    const username = `lea${randomBytes(3).toString('hex')}`;
    const agent = await createAgent(rt, username);
    await rt.prisma.agent.update({ where: { id: agent.id }, data: { name: 'Léa Garnier', extension: '301' } });
    const password = strongPassword();
    const supervisor = await createUserWithPassword(rt.prisma, { organizationId: rt.organizationId, email: `sup-${randomBytes(4).toString('hex')}@e2e.relais.local`, name: 'Sophie', role: 'admin', password, locale: 'en' });
    await signInWith(page, supervisor.email, password);
    await page.waitForURL('**/flows');
    await page.goto('/agents');
    const row = page.getByRole('row').filter({ hasText: 'Léa Garnier' });
    await expect(row.getByTestId('agent-phones')).toHaveText('No phone registered');
    await expect(row.getByTestId('agent-presence')).toHaveText('Available');
    // Listening before the phone registers (an event sent earlier would be missed until a reload).
    await expect(page.getByTestId('agents-live')).toHaveAttribute('data-state', 'connected');

    // The phone registers (digest auth through the edge) for 12 s: it appears without a reload.
    const port = await freeUdpPort();
    await registerAgent(rt, username, port, `pw-${username}`, { expires: 12, userAgent: 'Yealink SIP-T46U 66.86.0.15' });
    const phone = row.getByTestId('agent-phone');
    await expect(phone).toContainText('Yealink SIP-T46U 66.86.0.15');
    await expect(phone).toContainText(`127.0.0.1:${port}`);
    await expect(phone).toContainText(/expires in \d+ seconds?/);
    await expect(phone).toHaveAttribute('data-expired', 'false');
    await snapshot('accounts-agents-phone-en');

    // A supervisor's lock elsewhere (the API): the presence changes on this page by itself.
    await call(page.request, 'put', `/api/agents/${agent.id}/lock`, { status: 'offline' });
    await expect(row.getByTestId('agent-presence')).toContainText('Offline');
    await expect(row.getByTestId('agent-presence')).toContainText('locked by Sophie');

    // No new REGISTER: past its expiry the phone shows as expired.
    await expect(phone).toHaveAttribute('data-expired', 'true', { timeout: 30_000 });
    await expect(phone).toContainText('Expired at');
    await page.getByRole('button', { name: 'FR', exact: true }).click();
    await expect(page.getByRole('columnheader', { name: 'Statut et téléphones' })).toBeVisible();
    await expect(phone).toContainText('Expiré à');
    await snapshot('accounts-agents-phone-expired-fr');
    await page.getByRole('button', { name: 'EN', exact: true }).click();
  } finally {
    await rt.stop();
  }
});

test('rollback asks and keeps the draft when told to; duplicate asks the name; a new flow opens the editor', async ({ page, admin, signIn, snapshot }) => {
  await signIn(admin);
  const request = page.request;
  const group = await call(request, 'post', '/api/groups', { name: 'Accueil', members: [] });
  const v1: any = JSON.parse(JSON.stringify(demo).replaceAll('"grp_accueil"', JSON.stringify(group.id)));
  const flow = await call(request, 'post', '/api/flows', { name: 'Standard', document: v1 });
  await call(request, 'post', `/api/flows/${flow.id}/publish`, { note: 'v1', acknowledgeWarnings: true });
  const v2 = structuredClone(v1);
  v2.nodes.find((n: any) => n.id === 'welcome').label = 'Welcome v2';
  let draft = await call(request, 'get', `/api/flows/${flow.id}/draft`);
  await call(request, 'put', `/api/flows/${flow.id}/draft`, { document: v2, revision: draft.revision });
  await call(request, 'post', `/api/flows/${flow.id}/publish`, { note: 'v2', acknowledgeWarnings: true });
  // Work in progress in the draft, not published.
  const work = structuredClone(v2);
  work.nodes.find((n: any) => n.id === 'welcome').label = 'Work in progress';
  draft = await call(request, 'get', `/api/flows/${flow.id}/draft`);
  await call(request, 'put', `/api/flows/${flow.id}/draft`, { document: work, revision: draft.revision });

  await page.goto(`/flows/${flow.id}/versions`);
  await page.getByRole('button', { name: 'Roll back to version 1' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Roll back to version 1?' });
  await expect(dialog).toContainText('Version 1 goes live again as version 3');
  await expect(dialog).toContainText('The draft has changes that are not published.');
  // Keeping the draft is what is proposed.
  await expect(dialog.getByLabel('Keep my draft as it is')).toBeChecked();
  await snapshot('accounts-rollback-dialog-en');
  // Cancel changes nothing.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('version-row')).toHaveCount(2);
  await page.getByRole('button', { name: 'Roll back to version 1' }).click();
  await dialog.getByRole('button', { name: 'Publish as version 3' }).click();
  await expect(page.getByText('Version 3 published from version 1; your draft was kept as it was.')).toBeVisible();
  await expect(page.getByTestId('version-row')).toHaveCount(3);
  draft = await call(request, 'get', `/api/flows/${flow.id}/draft`);
  expect(draft.document.nodes.find((n: any) => n.id === 'welcome').label).toBe('Work in progress');
  expect((await call(request, 'get', `/api/flows/${flow.id}/versions/3`)).document).toEqual(v1);

  // In French: rolling back to version 2, replacing the draft when asked.
  await page.getByRole('button', { name: 'FR', exact: true }).click();
  await page.getByRole('button', { name: 'Revenir à la version 2' }).click();
  const dialogFr = page.getByRole('alertdialog', { name: 'Revenir à la version 2 ?' });
  await expect(dialogFr).toContainText('La version 2 est remise en ligne comme version 4');
  await dialogFr.getByLabel('Remplacer le brouillon par la version 2 (ses modifications non publiées sont perdues)').check();
  await snapshot('accounts-rollback-dialog-fr');
  await dialogFr.getByRole('button', { name: 'Publier comme version 4' }).click();
  await expect(page.getByText('Version 4 publiée à partir de la version 2 ; le brouillon est maintenant la version 2.')).toBeVisible();
  draft = await call(request, 'get', `/api/flows/${flow.id}/draft`);
  expect(draft.document.nodes.find((n: any) => n.id === 'welcome').label).toBe('Welcome v2');

  // Duplicate asks the name, prefilled in French.
  await page.getByRole('button', { name: 'Dupliquer la version 1 dans un nouveau flux' }).click();
  const duplicate = page.getByRole('dialog', { name: 'Dupliquer la version 1' });
  const name = duplicate.getByLabel('Nom du nouveau flux');
  await expect(name).toHaveValue('Copie de Standard');
  await name.fill('');
  await duplicate.getByRole('button', { name: 'Dupliquer' }).click();
  await expect(duplicate.getByText('Donnez un nom au nouveau flux.')).toBeVisible();
  await name.fill('Standard été');
  await snapshot('accounts-duplicate-dialog-fr');
  await duplicate.getByRole('button', { name: 'Dupliquer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Standard été' })).toBeVisible();
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await page.getByRole('button', { name: 'Duplicate the flow' }).click();
  await expect(page.getByRole('dialog', { name: 'Duplicate the flow' }).getByLabel('Name of the new flow')).toHaveValue('Copy of Standard été');
  await page.getByRole('dialog', { name: 'Duplicate the flow' }).getByRole('button', { name: 'Cancel' }).click();

  // Creating a flow opens the editor.
  await page.goto('/flows');
  await page.getByRole('button', { name: 'New flow' }).click();
  const create = page.getByRole('dialog', { name: 'New flow' });
  await create.getByLabel('Name', { exact: true }).fill('Hotline');
  await create.getByRole('button', { name: 'Create flow' }).click();
  await page.waitForURL(/\/flows\/[^/]+\/edit$/, { timeout: 60_000 });
  await expect(page.getByRole('dialog', { name: 'Start from…' })).toBeVisible({ timeout: 60_000 });
});
