// The statistics page as a supervisor meets it: "Last 7 days" compared with the 7 days before,
// the totals with their change, the charts drawn by recharts (bars of the timeline, slices of
// the outcome breakdown) without a CSP violation, the rows per group then per agent, the heat
// map, the CSV downloaded and read back, and the page in French.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

const HOUR = 3_600_000;

/** Collects CSP violations (console messages and securitypolicyviolation events). */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame|evaluate)/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeBinding('__statsCspViolation', (_source, text: string) => void violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      void (window as unknown as { __statsCspViolation: (t: string) => void }).__statsCspViolation(`${event.effectiveDirective} ${event.blockedURI}`);
    });
  });
  return violations;
}

test('statistics: period and comparison, charts, rows per group and agent, heat map, CSV, French', async ({ page, admin, prisma, signIn, snapshot }) => {
  test.setTimeout(180_000);
  const organizationId = admin.organizationId;
  const support = await prisma.queueGroup.create({ data: { organizationId, name: 'Support', serviceLevelSeconds: 20 } });
  const sales = await prisma.queueGroup.create({ data: { organizationId, name: 'Ventes', serviceLevelSeconds: 30 } });
  const agent = (name: string) =>
    prisma.agent.create({ data: { organizationId, name, sipUsername: `${name}-${organizationId}`, sipRealm: 'relais.test', sipHa1: '0'.repeat(32) } });
  const alice = await agent('Alice');
  const bob = await agent('Bob');

  // The last 7 days: 30 calls (18 answered, 6 cancelled while ringing, 6 abandoned in the IVR);
  // the 7 days before: 10 calls, all answered.
  const now = Date.now();
  const calls = [];
  for (let i = 0; i < 30; i++) {
    const startedAt = new Date(now - HOUR - i * 4.5 * HOUR);
    const kind = i % 5;
    const group = kind === 4 ? null : i % 2 ? sales : support;
    const answered = kind <= 2;
    calls.push({
      organizationId,
      sipCallId: `stats-e2e-${i}-${organizationId}`,
      entryNumber: '+33100000099',
      callee: '+33100000099',
      caller: '+3361100' + String(i).padStart(4, '0'),
      outcome: answered ? ('answered' as const) : kind === 3 ? ('cancelled' as const) : ('abandoned' as const),
      startedAt,
      endedAt: new Date(startedAt.getTime() + 4 * 60_000),
      groupId: group?.id ?? null,
      agentId: answered ? (i % 2 ? bob.id : alice.id) : null,
      agentIds: answered ? [i % 2 ? bob.id : alice.id] : [],
      waitMs: group ? 5_000 + (i % 4) * 10_000 : null,
      talkMs: answered ? 120_000 : null,
    });
  }
  for (let i = 0; i < 10; i++) {
    const startedAt = new Date(now - 8 * 24 * HOUR - i * 10 * HOUR);
    calls.push({
      organizationId,
      sipCallId: `stats-e2e-prev-${i}-${organizationId}`,
      entryNumber: '+33100000099',
      callee: '+33100000099',
      outcome: 'answered' as const,
      startedAt,
      endedAt: new Date(startedAt.getTime() + 60_000),
      groupId: support.id,
      agentId: alice.id,
      agentIds: [alice.id],
      waitMs: 3_000,
      talkMs: 50_000,
    });
  }
  await prisma.call.createMany({ data: calls });

  const violations = await watchViolations(page);
  await signIn(admin);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('navigation').getByRole('link', { name: 'Statistics' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Statistics' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Period', exact: true }).selectOption({ label: 'Last 7 days' });
  await expect(page).toHaveURL(/preset=last7Days/);
  await expect(page.getByRole('combobox', { name: 'Compare with', exact: true })).toHaveValue('previous');

  await expect(page.getByTestId('stats-tile-offered')).toContainText('30');
  await expect(page.getByTestId('stats-tile-offered')).toContainText('+200%');
  await expect(page.getByTestId('stats-tile-answerRate')).toContainText('60%');
  await expect(page.getByTestId('stats-tile-answerRate').locator('.stats-delta.bad')).toHaveText('−40 pts');

  // recharts drew the timeline's bars and the outcome slices (both periods).
  await expect(page.getByTestId('stats-timeline').locator('.recharts-bar-rectangle path').first()).toBeVisible();
  expect(await page.getByTestId('stats-timeline').locator('.recharts-bar-rectangle').count()).toBeGreaterThan(4);
  await expect(page.getByTestId('stats-outcomes').locator('.recharts-pie-sector').first()).toBeVisible();
  // Current: answered, abandoned, cancelled; comparison: answered.
  await expect(page.getByTestId('stats-outcomes').locator('.recharts-pie-sector')).toHaveCount(4);
  await expect(page.getByTestId('stats-outcomes').locator('.recharts-legend-item')).toHaveText(['Abandoned', 'Answered', 'Cancelled']); // recharts sorts its legend

  // Rows per group: Support and Ventes, then the calls never queued.
  const rows = page.getByTestId('stats-row');
  await expect(rows.locator('th')).toHaveText(['Support', 'Ventes', 'Not queued']);
  await expect(page.getByTestId('stats-total').locator('[data-figure="offered"]')).toContainText('30');
  await expect(rows.nth(2).locator('[data-figure="abandonedInIvr"]')).toContainText('6');
  // The heat map holds the 30 calls.
  const heatTotal = await page.getByTestId('stats-heat-map').locator('td').evaluateAll((cells) => cells.reduce((sum, c) => sum + Number(c.textContent || 0), 0));
  expect(heatTotal).toBe(30);
  await snapshot('stats-en');

  await page.getByRole('button', { name: 'Agent', exact: true }).click();
  await expect(page).toHaveURL(/by=agent/);
  await expect(rows.locator('th')).toHaveText(['Alice', 'Bob', 'No agent answered']);
  await expect(rows.first().locator('[data-figure="answered"]')).toContainText('9');

  // CSV: the figures of the page per agent, UTF-8 with a BOM, ";".
  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('stats-export').click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^stats-agent-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).trim().split('\r\n').map((l) => l.split(';'));
  const header = lines[0];
  expect(header.slice(0, 3)).toEqual(['agent', 'calls offered', 'calls offered (comparison)']);
  const aliceLine = lines.find((l) => l[0] === 'Alice')!;
  expect(aliceLine[header.indexOf('answered')]).toBe('9');
  expect(aliceLine[header.indexOf('answered (comparison)')]).toBe('10');
  const total = lines.find((l) => l[0] === 'Total')!;
  expect(total[header.indexOf('calls offered')]).toBe('30');
  expect(total[header.indexOf('answer rate (%)')]).toBe('60.0');

  // French.
  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'FR' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Statistiques' })).toBeVisible();
  await expect(page.getByTestId('stats-tile-answerRate')).toContainText('Taux de réponse');
  await expect(page.getByTestId('stats-tile-answerRate')).toContainText('60 %');
  await expect(rows.locator('th')).toHaveText(['Alice', 'Bob', "Aucun agent n'a répondu"]);
  await expect(page.getByTestId('stats-outcomes').locator('.recharts-legend-item')).toHaveText(['Abandonné', 'Annulé', 'Répondu']);
  await page.getByRole('button', { name: 'Groupe', exact: true }).click();
  await expect(rows.locator('th')).toHaveText(['Support', 'Ventes', "Hors file d'attente"]);
  await snapshot('stats-fr');

  // Custom dates with no comparison: only the days chosen.
  await page.getByRole('combobox', { name: 'Période', exact: true }).selectOption('custom');
  await page.getByRole('combobox', { name: 'Comparer avec', exact: true }).selectOption('none');
  await page.getByRole('button', { name: 'Appliquer' }).click();
  await expect(page).toHaveURL(/preset=custom.*compare=none/);
  await expect(page.getByTestId('stats-tile-offered').locator('.stats-delta')).toHaveCount(0);

  expect(violations).toEqual([]);
});

test('statistics: agents may not open the page', async ({ page, admin, prisma, signIn }) => {
  const { createUser } = await import('@/tests/support/factories');
  const agentUser = await createUser(prisma, admin.organizationId, 'agent', 'en');
  await signIn(agentUser);
  await page.goto('/stats');
  await expect(page.getByRole('heading', { name: 'Access denied' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Statistics' })).toHaveCount(0);
});

test('statistics: the service level of a group is set in the group editor, with its bounds', async ({ page, admin, prisma, signIn }) => {
  const group = await prisma.queueGroup.create({ data: { organizationId: admin.organizationId, name: 'Accueil' } });
  await signIn(admin);
  await page.goto(`/groups/${group.id}`);
  const field = page.getByLabel('Service level (s)');
  await expect(field).toHaveValue('20');
  await field.fill('0');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'At least 1.' })).toBeVisible();
  expect((await prisma.queueGroup.findUniqueOrThrow({ where: { id: group.id } })).serviceLevelSeconds).toBe(20);
  await field.fill('45');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(async () => (await prisma.queueGroup.findUniqueOrThrow({ where: { id: group.id } })).serviceLevelSeconds).toBe(45);
});
