// A weak chosen password is refused at the field with the reason, in the admin's language
// (English, then French); a strong one creates the user.
import { createUser } from '@/tests/support/factories';
import { expect, test } from './support/fixtures';

test('the new-user form shows why a password is refused, in English and in French', async ({ page, admin, prisma, signIn, snapshot }) => {
  await signIn(admin);
  await page.goto('/users');
  await page.getByRole('button', { name: 'New user' }).click();
  const dialog = page.getByRole('dialog', { name: 'New user' });
  await dialog.getByLabel('Email').fill(`weak-${Date.now().toString(36)}@e2e.relais.local`);
  await dialog.getByLabel('Name', { exact: true }).fill('Weak Password');
  await dialog.getByLabel('Password').fill('motdepasse123');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('This password is in lists of common passwords; choose another.')).toBeVisible();
  await expect(dialog.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
  await snapshot('password-weak-en');

  await dialog.getByLabel('Password').fill('gorille-tabouret-piano-42');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  // A French-speaking admin of the same organisation.
  const french = await createUser(prisma, admin.organizationId, 'admin', 'fr');
  await page.locator('.user-menu summary').click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/sign-in');
  await signIn(french);
  await page.goto('/users');
  await page.getByRole('button', { name: 'Nouvel utilisateur' }).click();
  const dialogFr = page.getByRole('dialog', { name: 'Nouvel utilisateur' });
  await dialogFr.getByLabel('E-mail').fill(`faible-${Date.now().toString(36)}@e2e.relais.local`);
  await dialogFr.getByLabel('Nom', { exact: true }).fill('Mot Faible');
  await dialogFr.getByLabel('Mot de passe').fill('azertyuiop');
  await dialogFr.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialogFr.getByText('Ce mot de passe est trop facile à deviner', { exact: false })).toBeVisible();
  await snapshot('password-weak-fr');
});
