// Canary publish on the versions page (issue 17): start a canary (version, share, one number)
// behind a dialog that says what will happen, see it in the history and the live vs canary
// comparison, change its share, stop it, start it again and promote it; the call history's
// version filter. Calls are inserted as the runtime records them (the SIPp test makes real ones).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './support/fixtures';

const demo = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../fixtures/flows/good/demo.json'), 'utf8'));

async function call(request: APIRequestContext, method: 'post' | 'put' | 'get', url: string, data?: unknown) {
  const res = await request[method](url, { headers: { origin: process.env.E2E_BASE_URL! }, ...(data === undefined ? {} : { data }) });
  expect(res.ok(), `${method} ${url}: ${res.status()} ${await res.text()}`).toBe(true);
  return res.json();
}

test('start, compare, change, stop and promote a canary from the versions page', async ({ page, admin, signIn, snapshot, prisma }) => {
  await signIn(admin);
  const request = page.request;
  const group = await call(request, 'post', '/api/groups', { name: 'Accueil', members: [] });
  const document = JSON.parse(JSON.stringify(demo).replaceAll('"grp_accueil"', JSON.stringify(group.id)));
  const flow = await call(request, 'post', '/api/flows', { name: 'Standard', document });
  const suffix = String(Date.now()).slice(-6);
  const main = await call(request, 'post', '/api/numbers', { e164: `+33198${suffix}1`, label: 'Accueil', flowId: flow.id });
  await call(request, 'post', '/api/numbers', { e164: `+33198${suffix}2`, label: 'SAV', flowId: flow.id });
  await call(request, 'post', `/api/flows/${flow.id}/publish`, { note: 'First', acknowledgeWarnings: true });
  await call(request, 'post', `/api/flows/${flow.id}/publish`, { note: 'Second', acknowledgeWarnings: true });

  await page.goto(`/flows/${flow.id}/versions`);
  const section = page.getByTestId('canary-section');
  await expect(section.getByRole('heading', { name: 'Canary' })).toBeVisible();
  await section.getByRole('button', { name: 'Start a canary' }).click();
  const start = page.getByRole('alertdialog', { name: 'Start a canary' });
  await expect(start.getByLabel('Version')).toHaveValue('1'); // the live version 2 is not offered
  await expect(start.getByLabel('Version').locator('option')).toHaveCount(1);
  await start.getByLabel('Share of new calls (%)').fill('120');
  await start.getByRole('button', { name: 'Start the canary' }).click();
  await expect(start.getByRole('alert')).toHaveText('Share of new calls: a whole number from 1 to 99.');
  await start.getByLabel('Share of new calls (%)').fill('20');
  await expect(start.getByRole('alert')).toHaveCount(0);
  await start.getByLabel(`${main.e164} (Accueil)`).check();
  await expect(start.getByTestId('canary-start-summary')).toHaveText('About 20% of new calls will run version 1 and 80% version 2 (live), on 1 number.');
  await snapshot('canary-start-dialog');
  await start.getByRole('button', { name: 'Start the canary' }).click();
  await expect(start).toBeHidden();
  await expect(page.getByRole('status')).toHaveText('Canary started: version 1 answers 20% of new calls.');
  await expect(section.getByTestId('canary-summary')).toContainText('Version 1 answers 20% of new calls, version 2 (live) the rest');
  await expect(section.getByTestId('canary-summary')).toContainText(`On ${main.e164} only.`);
  await expect(page.getByTestId('version-row').filter({ hasText: 'v1' }).getByTestId('canary-tag')).toHaveText('canary 20%');

  // Calls since the canary started, as the runtime records them.
  const [v1, v2] = await Promise.all([1, 2].map((number) => prisma.flowVersion.findFirstOrThrow({ where: { flowId: flow.id, number } })));
  const soon = (s: number) => new Date(Date.now() + s * 1000);
  const calls: [boolean, 'answered' | 'abandoned', number | null][] = [[false, 'answered', 12_000], [false, 'answered', 18_000], [false, 'abandoned', null], [true, 'answered', 30_000], [true, 'abandoned', null]];
  const { organizationId } = await prisma.flow.findUniqueOrThrow({ where: { id: flow.id }, select: { organizationId: true } });
  for (const [i, [canary, outcome, waitMs]] of calls.entries()) {
    await prisma.call.create({
      data: {
        organizationId,
        sipCallId: `e2e-${i}`, entryNumber: main.e164, callee: main.e164, caller: `+336000000${i}`, flowId: flow.id, flowVersionId: canary ? v1.id : v2.id, canary,
        startedAt: soon(1), endedAt: soon(90), outcome,
        ...(waitMs ? { queuedAt: soon(5), agentAnsweredAt: soon(5 + waitMs / 1000), waitMs } : {}),
      },
    });
  }
  await page.reload();
  const table = page.getByTestId('canary-comparison');
  await expect(table.locator('[data-figure="calls"] [data-side="live"]')).toHaveText('3');
  await expect(table.locator('[data-figure="calls"] [data-side="canary"]')).toHaveText('2');
  await expect(table.locator('[data-figure="abandonRate"] [data-side="live"]')).toHaveText('33.3%');
  await expect(table.locator('[data-figure="abandonRate"] [data-side="canary"]')).toHaveText('50%');
  await expect(table.locator('[data-figure="avgTimeToAnswer"] [data-side="live"]')).toHaveText('15 s');
  await expect(table.locator('[data-figure="avgTimeToAnswer"] [data-side="canary"]')).toHaveText('30 s');
  await section.scrollIntoViewIfNeeded();
  await snapshot('canary-versions');

  // The call history tells them apart.
  await page.goto(`/calls?flowId=${flow.id}&version=canary`);
  await expect(page.getByLabel('Version', { exact: true })).toHaveValue('canary');
  await expect(page.getByTestId('call-canary')).toHaveCount(2);
  await page.goto(`/calls?flowId=${flow.id}&version=live`);
  await expect(page.getByText('+3360000000')).toBeVisible();
  await expect(page.getByTestId('call-canary')).toHaveCount(0);

  // Change the share, then stop.
  await page.goto(`/flows/${flow.id}/versions`);
  await section.getByRole('button', { name: 'Change the canary' }).click();
  const change = page.getByRole('alertdialog', { name: 'Change the canary' });
  await change.getByLabel('Share of new calls (%)').fill('35');
  await change.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status')).toHaveText('Canary changed: version 1 answers 35% of new calls.');
  await section.getByRole('button', { name: 'Stop the canary' }).click();
  const stop = page.getByRole('alertdialog', { name: 'Stop the canary of version 1?' });
  await expect(stop).toContainText('Every new call runs version 2 again.');
  await stop.getByRole('button', { name: 'Stop the canary' }).click();
  await expect(page.getByRole('status')).toHaveText('Canary stopped: every new call runs version 2.');
  await expect(page.getByTestId('canary-tag')).toHaveCount(0);

  // Start again and promote: version 1's document goes live as version 3.
  await section.getByRole('button', { name: 'Start a canary' }).click();
  await page.getByRole('alertdialog', { name: 'Start a canary' }).getByRole('button', { name: 'Start the canary' }).click();
  await expect(page.getByRole('status')).toHaveText('Canary started: version 1 answers 10% of new calls.');
  await section.getByRole('button', { name: 'Promote' }).click();
  const promote = page.getByRole('alertdialog', { name: 'Promote version 1?' });
  await expect(promote).toContainText('Version 1 is published again as version 3');
  await promote.getByRole('button', { name: 'Publish as version 3' }).click();
  await expect(page.getByRole('status')).toHaveText('Version 1 promoted: published as version 3, live for every new call.');
  await expect(page.getByTestId('version-row')).toHaveCount(3);
  await expect(page.getByTestId('version-row').first()).toContainText('v3');
  await expect(page.getByTestId('version-row').first()).toContainText('Live');

  const audit = await prisma.auditLog.findMany({ where: { entityId: flow.id, action: { startsWith: 'flow.canary' } }, orderBy: { createdAt: 'asc' }, select: { action: true } });
  expect(audit.map((a) => a.action)).toEqual(['flow.canary_start', 'flow.canary_change', 'flow.canary_stop', 'flow.canary_start', 'flow.canary_promote']);
});

test('publish the draft as canary from the versions page, then promote it', async ({ page, admin, signIn, snapshot, prisma }) => {
  await signIn(admin);
  const request = page.request;
  const group = await call(request, 'post', '/api/groups', { name: 'Accueil', members: [] });
  const document = JSON.parse(JSON.stringify(demo).replaceAll('"grp_accueil"', JSON.stringify(group.id)));
  const flow = await call(request, 'post', '/api/flows', { name: 'Standard brouillon', document });
  await call(request, 'post', `/api/flows/${flow.id}/publish`, { note: 'First', acknowledgeWarnings: true });
  // unpublished work, with a warning (a step nothing leads to)
  const draft = await call(request, 'get', `/api/flows/${flow.id}/draft`);
  const changed = { ...draft.document, nodes: [...draft.document.nodes, { id: 'orphan', type: 'hangup', position: { x: 600, y: 300 }, label: 'Orphan', config: {} }] };
  await call(request, 'put', `/api/flows/${flow.id}/draft`, { document: changed, revision: draft.revision });

  await page.goto(`/flows/${flow.id}/versions`);
  const section = page.getByTestId('canary-section');
  await section.getByRole('button', { name: 'Start a canary' }).click();
  const start = page.getByRole('alertdialog', { name: 'Start a canary' });
  await expect(start.getByLabel('Version')).toHaveValue('draft');
  await expect(start.getByLabel('Version').locator('option').first()).toHaveText('The draft (unpublished changes), published as version 2');
  await expect(start.getByTestId('canary-start-summary')).toHaveText('The draft is published as version 2, which is not live: about 10% of new calls will run it and 90% version 1 (live), on every number.');
  await start.getByRole('button', { name: 'Start the canary' }).click();
  await expect(start.getByRole('alert')).toHaveText("The draft has warnings (see the editor's problems): tick the box below to publish it as canary anyway.");
  await start.getByLabel('Publish the draft as canary despite its warnings').check();
  await snapshot('canary-draft-dialog');
  await start.getByRole('button', { name: 'Start the canary' }).click();
  await expect(start).toBeHidden();
  await expect(page.getByRole('status')).toHaveText('Draft published as canary version 2: it answers 10% of new calls.');
  const v2 = page.getByTestId('version-row').filter({ hasText: 'v2' });
  await expect(v2.getByTestId('canary-tag')).toHaveText('canary 10%');
  await expect(v2).not.toContainText('Live');
  await expect(page.getByTestId('version-row').filter({ hasText: 'v1' })).toContainText('Live');
  expect((await prisma.flowVersion.findFirstOrThrow({ where: { flowId: flow.id, number: 2 } })).status).toBe('canary');
  await section.scrollIntoViewIfNeeded();
  await snapshot('canary-draft-versions');

  await section.getByRole('button', { name: 'Promote' }).click();
  await page.getByRole('alertdialog', { name: 'Promote version 2?' }).getByRole('button', { name: 'Publish as version 3' }).click();
  await expect(page.getByRole('status')).toHaveText('Version 2 promoted: published as version 3, live for every new call.');
  await expect(page.getByTestId('version-row').first()).toContainText('v3');
  await expect(page.getByTestId('version-row').first()).toContainText('Live');
  await expect(page.getByTestId('version-row').filter({ hasText: 'v2' }).getByTestId('canary-version-tag')).toHaveText('canary');
});
