// The contact directory in French, driven like a supervisor would: the empty directory, a CSV
// exported from French Excel (";", BOM, accents) imported through the preview — the bad row is
// shown with its row, column and reason and blocks the import until skipped — then searched by
// a number written differently from the file.
import { createUser } from '@/tests/support/factories';
import { expect, test } from './support/fixtures';

const csv =
  '\uFEFFNom;Prénom;Société;Téléphone;Libellé\r\n' +
  'Lefèvre;Amélie;Crèche Les Lutins;06 01 02 03 04;mobile\r\n' +
  'Dupré;Noël;Garage Ça roule;appeler le standard;\r\n' +
  'Nguyễn;Bảo;Boulangerie Dorée;+33 (0)1 45 67 89 01;bureau\r\n';

test('a supervisor imports a French CSV through the preview and finds a contact by number', async ({ page, prisma, admin, signIn, snapshot }) => {
  const supervisor = await createUser(prisma, admin.organizationId, 'supervisor', 'fr');
  await signIn(supervisor);

  await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).click();
  await expect(page.getByRole('heading', { name: 'Contacts', level: 1 })).toBeVisible();
  await expect(page.getByText('Aucun contact pour l’instant.')).toBeVisible();

  await page.getByRole('button', { name: 'Importer un CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Importer des contacts' });
  await dialog.getByLabel('Fichier CSV').setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await expect(dialog.getByRole('status')).toHaveText('3 lignes : 2 valides, 1 en erreur.');
  const errors = dialog.getByRole('table', { name: 'Lignes en erreur' });
  await expect(errors.getByRole('row')).toHaveCount(2);
  await expect(errors.getByRole('row').nth(1)).toHaveText(/3\s*Téléphone\s*ce n’est pas un numéro de téléphone/);
  const submit = dialog.getByRole('button', { name: 'Importer 2 contacts' });
  await expect(submit).toBeDisabled();
  // nothing written by the preview
  expect(await prisma.contact.count({ where: { organizationId: admin.organizationId } })).toBe(0);
  await snapshot('contacts-import-preview-fr');

  await dialog.getByLabel('Ignorer la ligne en erreur et importer les autres').check();
  await submit.click();
  await expect(dialog.getByText('2 contacts importés.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Fermer' }).click();

  await expect(page.getByRole('row', { name: /Amélie Lefèvre/ })).toContainText('06 01 02 03 04');
  await expect(page.getByRole('row', { name: /Bảo Nguyễn/ })).toContainText('Boulangerie Dorée');
  await expect(page.getByRole('row', { name: /Noël/ })).toHaveCount(0);

  // The number as a caller presents it finds the contact stored as "06 01 02 03 04".
  await page.getByRole('searchbox', { name: 'Rechercher un contact' }).fill('+33 6 01 02 03 04');
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  await expect(page).toHaveURL(/q=%2B33/);
  await expect(page.getByRole('row', { name: /Amélie Lefèvre/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /Bảo Nguyễn/ })).toHaveCount(0);
  await snapshot('contacts-search-fr');

  // An unknown number: the empty result says what was searched.
  await page.getByRole('searchbox', { name: 'Rechercher un contact' }).fill('07 00 00 00 00');
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  await expect(page.getByText('Aucun contact ne correspond à « 07 00 00 00 00 ».')).toBeVisible();

  // Add by hand: a bad number is reported at its field; a number another contact has is
  // accepted with a warning naming that contact.
  await page.getByRole('link', { name: 'Effacer la recherche' }).click();
  await page.getByRole('button', { name: 'Nouveau contact' }).click();
  const editor = page.getByRole('dialog', { name: 'Nouveau contact' });
  await editor.getByLabel('Nom', { exact: true }).fill('Crèche (standard)');
  await editor.getByLabel('Numéro', { exact: true }).fill('appeler Amélie');
  await editor.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(editor.getByText('Des chiffres, éventuellement après +')).toBeVisible();
  await editor.getByLabel('Numéro', { exact: true }).fill('+33 6 01 02 03 04');
  await editor.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(editor.getByText('Ce numéro est aussi celui de Amélie Lefèvre.')).toBeVisible();
  await snapshot('contacts-duplicate-warning-fr');
  await editor.getByRole('button', { name: 'Fermer' }).click();
  await expect(page.getByRole('row', { name: /Crèche \(standard\)/ })).toContainText('+33 6 01 02 03 04');

  // Delete, after confirming.
  await page.getByRole('button', { name: 'Supprimer Crèche (standard)' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Supprimer le contact' });
  await expect(confirm).toContainText('Supprimer le contact « Crèche (standard) » ?');
  await confirm.getByRole('button', { name: 'Supprimer' }).click();
  await expect(page.getByRole('row', { name: /Crèche \(standard\)/ })).toHaveCount(0);
});
