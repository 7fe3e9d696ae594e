// The admin's main path: sign in, switch to French, create a flow (it opens in the editor), find it in the list,
// rename it and delete it after confirming.
import { expect, test } from './support/fixtures';

test('a wrong password shows a clear error and keeps the user on the sign-in page', async ({ page, admin, snapshot }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(admin.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('form [role="alert"]')).toHaveText('Wrong email address or password.');
  await expect(page).toHaveURL(/\/sign-in$/);
  await snapshot('sign-in-error');
});

test('an admin signs in, switches to French and creates, renames and deletes a flow', async ({ page, admin, snapshot }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await snapshot('sign-in');
  await page.getByLabel('Email address').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page).toHaveURL(/\/flows$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Flows' })).toBeVisible();

  // Switch to French: the choice is saved on the user, so it survives a reload.
  await page.getByRole('button', { name: 'FR' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Flux' })).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Numéros' })).toBeVisible();
  await expect(page.getByText("Aucun flux pour l'instant — créez votre premier flux.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole('link', { name: 'Destinations interdites' })).toBeVisible();
  await snapshot('flows-empty-fr');

  // Create.
  await page.getByRole('button', { name: 'Nouveau flux' }).click();
  const createDialog = page.getByRole('dialog', { name: 'Nouveau flux' });
  await createDialog.getByLabel('Nom').fill('Accueil standard');
  await createDialog.getByLabel('Description').fill('Le flux du numéro principal');
  await snapshot('flow-create-dialog');
  await createDialog.getByRole('button', { name: 'Créer le flux' }).click();
  // Issue 16: a new flow opens in the editor (its empty draft offers templates); back to the list.
  await page.waitForURL(/\/flows\/[^/]+\/edit$/, { timeout: 60_000 });
  const templates = page.getByRole('dialog', { name: 'Partir de…' });
  await expect(templates).toBeVisible({ timeout: 60_000 });
  await templates.getByRole('button', { name: 'Garder le brouillon actuel' }).click();
  await page.goto('/flows');
  const row = page.getByTestId('flow-row').filter({ hasText: 'Accueil standard' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Brouillon uniquement');
  await snapshot('flows-list-fr');

  // Rename.
  await page.getByRole('button', { name: 'Renommer Accueil standard' }).click();
  const renameDialog = page.getByRole('dialog', { name: 'Renommer le flux' });
  await renameDialog.getByLabel('Nom').fill('Accueil du standard');
  await renameDialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(renameDialog).toBeHidden();
  await expect(page.getByRole('link', { name: 'Accueil du standard' })).toBeVisible();

  // The detail page shows the draft.
  await page.getByRole('link', { name: 'Accueil du standard' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Accueil du standard' })).toBeVisible();
  await expect(page.getByText('Révision 1')).toBeVisible();
  await snapshot('flow-detail-fr');
  await page.getByRole('link', { name: 'Tous les flux' }).click();

  // Delete: nothing happens before the confirmation.
  await page.getByRole('button', { name: 'Supprimer Accueil du standard' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Supprimer le flux ?' });
  await expect(confirm).toBeVisible();
  await snapshot('flow-delete-confirm');
  await confirm.getByRole('button', { name: 'Annuler' }).click();
  await expect(page.getByRole('link', { name: 'Accueil du standard' })).toBeVisible();
  await page.getByRole('button', { name: 'Supprimer Accueil du standard' }).click();
  await confirm.getByRole('button', { name: 'Supprimer' }).click();
  await expect(page.getByTestId('flow-row')).toHaveCount(0);
  await expect(page.getByText("Aucun flux pour l'instant — créez votre premier flux.")).toBeVisible();
});

test('an agent sees the flows read-only and not the administration pages', async ({ page, prisma, admin, signIn }) => {
  const { createUser } = await import('@/tests/support/factories');
  const agent = await createUser(prisma, admin.organizationId, 'agent', 'en');
  await prisma.flow.create({ data: { organizationId: admin.organizationId, name: 'Service client' } });
  await signIn(agent);
  // Agents land on their console; the flows are one link away.
  await page.getByRole('navigation').getByRole('link', { name: 'Flows' }).click();
  await expect(page.getByRole('link', { name: 'Service client' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'New flow' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Delete/ })).toHaveCount(0);
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Numbers' })).toHaveCount(0);
  await page.goto('/numbers');
  // Same address, an explicit refusal in the page (no silent redirect).
  await expect(page).toHaveURL(/\/numbers$/);
  await expect(page.getByRole('heading', { name: 'Access denied' })).toBeVisible();
});
