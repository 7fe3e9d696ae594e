// Users and personal API tokens, driven like a user would: an admin adds a team member (the
// generated password is shown once) and the new member signs in with it; a user creates an API
// token (secret shown once), uses it against the API, revokes it; a role too low for a page
// gets "Access denied" in place. English for the admin, French for the new member.
import { createUser } from '@/tests/support/factories';
import { expect, test } from './support/fixtures';

test('an admin adds a user who signs in with the shown password, then manages their API tokens', async ({ page, admin, signIn, baseURL, context, snapshot }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn(admin);

  // English: the users page, from the navigation.
  await page.getByRole('navigation').getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
  await expect(page.getByRole('row', { name: /Test admin \(you\)/ })).toContainText('Administrator');

  // A bad email is reported at the field; nothing is created.
  await page.getByRole('button', { name: 'New user' }).click();
  const dialog = page.getByRole('dialog', { name: 'New user' });
  await dialog.getByLabel('Email').fill('not-an-email');
  await dialog.getByLabel('Name', { exact: true }).fill('Nina Roux');
  await dialog.getByLabel('Role').selectOption({ label: 'Agent' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('An email address, e.g. name@example.com.')).toBeVisible();
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveValue('Nina Roux');

  // No password typed: one is generated and shown once.
  const email = `nina-${Date.now().toString(36)}@e2e.relais.local`;
  await dialog.getByLabel('Email').fill(email);
  await dialog.getByRole('button', { name: 'Save' }).click();
  const created = page.getByRole('dialog', { name: 'User created' });
  await expect(created).toContainText(`${email} can sign in now`);
  await expect(created).toContainText('Copy it now: you will not see it again.');
  const password = await created.getByLabel('Initial password').inputValue();
  expect(password.length).toBeGreaterThanOrEqual(12);
  await snapshot('users-created-password');
  await created.getByRole('button', { name: 'Done' }).click();
  await expect(created).toBeHidden();
  await expect(page.getByRole('row', { name: new RegExp(email) })).toContainText('Agent');

  // The last admin cannot demote themselves: said at the field, the role stays.
  await page.getByRole('button', { name: 'Change the role of Test admin' }).click();
  const roleDialog = page.getByRole('dialog', { name: 'Role of Test admin' });
  await roleDialog.getByLabel('Role').selectOption({ label: 'Supervisor' });
  await roleDialog.getByRole('button', { name: 'Save' }).click();
  await expect(roleDialog.getByText('Test admin is the last administrator: make another user an administrator first.')).toBeVisible();
  await roleDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('row', { name: /Test admin \(you\)/ })).toContainText('Administrator');

  // The admin's own API tokens page, from the user menu (English).
  await page.getByLabel("Test admin's menu").click();
  await page.getByRole('link', { name: 'API tokens' }).click();
  await expect(page.getByRole('heading', { name: 'API tokens', level: 1 })).toBeVisible();
  await expect(page.getByText('You have no API tokens.')).toBeVisible();

  // Sign out; the new member signs in with the shown password. Their language is French.
  await page.locator('.user-menu summary').click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/sign-in');
  await signIn({ id: '', email, password, role: 'agent', organizationId: admin.organizationId });

  // Agents may not open the users page: "Accès refusé" in place, with a way back.
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Utilisateurs' })).toHaveCount(0);
  await page.goto('/users');
  await expect(page.getByRole('heading', { name: 'Accès refusé' })).toBeVisible();
  await expect(page).toHaveURL(/\/users$/);
  await snapshot('access-denied-fr');

  // Their API tokens, from the user menu.
  await page.locator('.user-menu summary').click();
  await page.getByRole('link', { name: "Jetons d'API" }).click();
  await expect(page.getByRole('heading', { name: "Jetons d'API", level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Nouveau jeton' }).click();
  const tokenDialog = page.getByRole('dialog', { name: "Nouveau jeton d'API" });
  await tokenDialog.getByRole('button', { name: 'Créer le jeton' }).click();
  // An empty name is refused at the field; nothing is created.
  await expect(tokenDialog.getByLabel('Nom')).toHaveAttribute('aria-invalid', 'true');
  await expect(tokenDialog.getByRole('alert')).toContainText('Au moins 1');
  await tokenDialog.getByLabel('Nom').fill('Export CI');
  await tokenDialog.getByRole('button', { name: 'Créer le jeton' }).click();

  const secretDialog = page.getByRole('dialog', { name: 'Jeton créé' });
  await expect(secretDialog).toContainText('Copiez-le maintenant : vous ne le reverrez plus.');
  const secret = await secretDialog.getByLabel('Jeton').inputValue();
  expect(secret).toMatch(/^rls_/);
  await secretDialog.getByRole('button', { name: 'Copier' }).click();
  await expect(secretDialog.getByText('Copié dans le presse-papiers.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await snapshot('token-created-fr');
  await secretDialog.getByRole('button', { name: 'Terminé' }).click();
  await expect(secretDialog).toBeHidden();

  // Shown once: the list has its name and prefix only.
  const row = page.getByRole('row', { name: /Export CI/ });
  await expect(row).toContainText(secret.slice(0, 10));
  await expect(row).toContainText('Jamais');
  await expect(page.getByText(secret)).toHaveCount(0);
  await page.reload();
  await expect(page.locator(`input[value="${secret}"]`)).toHaveCount(0);

  // The token works against the API as this user (no cookie), and its use is shown.
  const withToken = () => fetch(`${baseURL}/api/flows`, { headers: { authorization: `Bearer ${secret}` } });
  const ok = await withToken();
  expect(ok.status).toBe(200);
  expect(Array.isArray(((await ok.json()) as { flows: unknown[] }).flows)).toBe(true);
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('row', { name: /Export CI/ })).not.toContainText('Jamais', { timeout: 1_000 });
  }).toPass();

  // Revoked after a confirmation: the token stops working at once.
  await page.getByRole('button', { name: 'Révoquer Export CI' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Révoquer ce jeton ?' });
  await expect(confirm).toContainText('Le jeton Export CI cessera de fonctionner immédiatement.');
  await confirm.getByRole('button', { name: 'Révoquer' }).click();
  await expect(page.getByText("Vous n'avez aucun jeton d'API.")).toBeVisible();
  expect((await withToken()).status).toBe(401);
});

test('an agent opening the users page sees Access denied (English) instead of being redirected', async ({ page, admin, prisma, signIn }) => {
  const agent = await createUser(prisma, admin.organizationId, 'agent', 'en');
  await signIn(agent);
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Users' })).toHaveCount(0);
  await page.goto('/users');
  await expect(page.getByRole('heading', { name: 'Access denied' })).toBeVisible();
  await expect(page.getByText('Your role does not allow you to open this page.')).toBeVisible();
  await expect(page).toHaveURL(/\/users$/);
  // Other admin-only sections too, and the way back works.
  await page.goto('/numbers');
  await expect(page.getByRole('heading', { name: 'Access denied' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to flows' }).click();
  await expect(page).toHaveURL(/\/flows$/);
  await expect(page.getByRole('heading', { name: 'Access denied' })).toHaveCount(0);
});
