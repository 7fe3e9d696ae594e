// The admin's "Internal hosts for HTTP steps" section (users page): a bad entry is named at the
// field, a good list is saved (canonical form), audited, and stored where the runtime reads it.
import { expect, test } from './support/fixtures';

test('an admin allows internal hosts for HTTP steps; a bad entry is named at the field', async ({ page, admin, signIn, prisma, snapshot }) => {
  await signIn(admin);
  await page.goto('/users');
  const section = page.getByTestId('outbound-http');
  await expect(section.getByRole('heading', { name: 'Internal hosts for HTTP steps' })).toBeVisible();
  const field = section.getByLabel('Allowed internal hosts');
  await expect(field).toHaveValue('');

  await field.fill('crm.internal:8080\nhttp://evil.example/');
  await section.getByRole('button', { name: 'Save' }).click();
  await expect(section.getByText('“http://evil.example/” is not a host name (crm.internal), host and port (crm.internal:8080), IP address or range (10.0.0.0/8).')).toBeVisible();
  await snapshot('outbound-http-bad-entry');
  expect((await prisma.organization.findUniqueOrThrow({ where: { id: admin.organizationId } })).outboundHttpAllow).toEqual([]);

  await field.fill('CRM.internal:8080\n10.0.0.0/8\n');
  await section.getByRole('button', { name: 'Save' }).click();
  await expect(section.getByRole('status')).toHaveText('Saved: 2 hosts allowed.');
  await expect(field).toHaveValue('crm.internal:8080\n10.0.0.0/8');
  await snapshot('outbound-http-saved');
  expect((await prisma.organization.findUniqueOrThrow({ where: { id: admin.organizationId } })).outboundHttpAllow).toEqual(['crm.internal:8080', '10.0.0.0/8']);

  await page.reload();
  await expect(page.getByTestId('outbound-http').getByLabel('Allowed internal hosts')).toHaveValue('crm.internal:8080\n10.0.0.0/8');
  await page.goto('/audit');
  await expect(page.getByText('Internal hosts for HTTP steps changed')).toBeVisible();

  // French: the same section and the same check at the field.
  await page.goto('/users');
  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'FR' }).click();
  const fr = page.getByTestId('outbound-http');
  await expect(fr.getByRole('heading', { name: 'Hôtes internes pour les étapes HTTP' })).toBeVisible();
  await fr.getByLabel('Hôtes internes autorisés').fill('crm.internal:99999');
  await fr.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(fr.getByText('« crm.internal:99999 » n’est ni un nom d’hôte (crm.internal), ni un hôte et un port (crm.internal:8080), ni une adresse IP, ni une plage (10.0.0.0/8).')).toBeVisible();
  await snapshot('outbound-http-bad-entry-fr');
});
