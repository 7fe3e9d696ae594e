// Issue 14 in the admin: an admin links an agent to a user, manages pause reasons, locks the
// agent in a pause with a reason (the list shows the lock), sets a group's colour and post-call
// pause; screenshots in English and French.
import { expect, test } from './support/fixtures';
import { createUser } from '@/tests/support/factories';

test('agents linked to users, pause reasons, locks, group colour and wrap-up', async ({ page, admin, prisma, signIn, snapshot }) => {
  const agentUser = await createUser(prisma, admin.organizationId, 'agent');
  await prisma.user.update({ where: { id: agentUser.id }, data: { name: 'Alice Bernard' } });
  const agent = await prisma.agent.create({
    data: { organizationId: admin.organizationId, name: 'Alice', extension: '101', sipUsername: `alice-${agentUser.id.slice(0, 8)}`, sipRealm: 'relais.test', sipHa1: '0'.repeat(32) },
  });
  const group = await prisma.queueGroup.create({ data: { organizationId: admin.organizationId, name: 'Support', members: { create: [{ agentId: agent.id, position: 0 }] } } });
  await signIn(admin);

  await page.goto('/agents');
  // pause reasons
  const reasons = page.getByTestId('pause-reasons');
  for (const label of ['Lunch', 'Training']) {
    await reasons.getByRole('textbox', { name: 'Reason' }).fill(label);
    await reasons.getByRole('button', { name: 'Add' }).click();
    await expect(reasons.getByTestId('pause-reason').filter({ hasText: label })).toBeVisible();
  }
  await reasons.getByRole('button', { name: 'Move Training up' }).click();
  await expect(reasons.getByTestId('pause-reason').first()).toContainText('Training');

  // link the agent to the user
  await page.getByRole('button', { name: 'Edit Alice' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit agent' });
  await dialog.getByLabel('User account').selectOption({ label: `Alice Bernard (${agentUser.email})` });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('cell', { name: 'Alice Bernard', exact: true })).toBeVisible();
  expect((await prisma.agent.findUniqueOrThrow({ where: { id: agent.id } })).userId).toBe(agentUser.id);

  // lock her in a pause
  await page.getByRole('button', { name: "Lock Alice's status" }).click();
  const lock = page.getByRole('dialog', { name: "Lock Alice's status" });
  await lock.getByLabel('Pause reason').selectOption({ label: 'Lunch' });
  await lock.getByRole('button', { name: 'Save' }).click();
  await expect(lock).toBeHidden();
  await expect(page.getByText(/locked by/)).toBeVisible();
  await expect(page.getByText('Paused · Lunch')).toBeVisible();
  await snapshot('agents-statuses-en');
  expect(await prisma.agentStatusChange.count({ where: { agentId: agent.id, toStatus: 'paused', source: 'admin' } })).toBe(1);

  // group colour and wrap-up
  await page.goto(`/groups/${group.id}`);
  await page.locator('input[name="color"]').fill('#cc3366');
  await page.getByLabel('Post-call pause (s)').fill('15');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect.poll(async () => prisma.queueGroup.findUniqueOrThrow({ where: { id: group.id } })).toMatchObject({ color: '#cc3366', wrapUpSeconds: 15 });
  await snapshot('group-wrap-up-en');

  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'FR' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await snapshot('group-wrap-up-fr');
  await page.goto('/agents');
  await expect(page.getByText(/verrouillé par/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Motifs de pause' })).toBeVisible();
  await snapshot('agents-statuses-fr');
});
