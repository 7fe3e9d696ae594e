// A resource page: numbers are created through the API from a dialog, listed, and a bad
// number gets its error next to the field.
import { expect, test } from './support/fixtures';

test('an admin adds a number routed to a flow; a malformed number is refused at the field', async ({ page, prisma, admin, signIn, snapshot }) => {
  await prisma.flow.create({ data: { organizationId: admin.organizationId, name: 'Accueil' } });
  await signIn(admin);
  await page.getByRole('navigation').getByRole('link', { name: 'Numbers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Numbers' })).toBeVisible();
  await expect(page.getByText('No numbers yet.')).toBeVisible();

  await page.getByRole('button', { name: 'New number' }).click();
  const dialog = page.getByRole('dialog', { name: 'New number' });
  const number = dialog.getByLabel('Number');
  await number.fill('01 23 45 67 89');
  await dialog.getByLabel('Label').fill('Standard');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(number).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.locator('.field-error')).toHaveText(/international format/);
  await snapshot('number-invalid');

  await number.fill('+33 1 23 45 67 89');
  await dialog.getByLabel('Flow').selectOption({ label: 'Accueil' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId('number-row').filter({ hasText: '+33123456789' });
  await expect(row).toContainText('Standard');
  await expect(row).toContainText('Accueil');
  await snapshot('numbers-list');

  // The flows list now shows the number next to its flow.
  await page.getByRole('navigation').getByRole('link', { name: 'Flows' }).click();
  await expect(page.getByTestId('flow-row').filter({ hasText: 'Accueil' })).toContainText('+33123456789');
});
