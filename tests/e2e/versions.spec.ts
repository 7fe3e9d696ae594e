// The supervisor's workflow (issue 7): publish with a warning acknowledged, the history,
// comparing two versions on the canvas, rollback (confirmed in a dialog), duplicate (named in a dialog), the audit log and
// the numbers page showing the live version.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './support/fixtures';

/* eslint-disable @typescript-eslint/no-explicit-any -- flow documents are edited as plain JSON */
const demo = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../fixtures/flows/good/demo.json'), 'utf8'));

async function call(request: APIRequestContext, method: 'post' | 'put' | 'get', url: string, data?: unknown) {
  // Cookie writes must carry the admin's Origin, as the browser's own fetches do.
  const res = await request[method](url, { headers: { origin: process.env.E2E_BASE_URL! }, ...(data === undefined ? {} : { data }) });
  expect(res.ok(), `${method} ${url}: ${res.status()} ${await res.text()}`).toBe(true);
  return res.json();
}

test('publish with a warning, compare two versions on the canvas, roll back, duplicate, audit', async ({ page, admin, signIn, snapshot }) => {
  await signIn(admin);
  const request = page.request;
  const group = await call(request, 'post', '/api/groups', { name: 'Accueil', members: [] });
  const v1: any = JSON.parse(JSON.stringify(demo).replaceAll('"grp_accueil"', JSON.stringify(group.id)));
  // A step nothing leads to: publishing warns about it.
  v1.nodes.push({ id: 'orphan', type: 'hangup', position: { x: 560, y: 180 }, label: 'Forgotten step', config: {} });
  const flow = await call(request, 'post', '/api/flows', { name: 'Standard', document: v1 });
  const number = await call(request, 'post', '/api/numbers', { e164: `+3319${String(Date.now()).slice(-7)}`, flowId: flow.id });

  // Publish from the flow page: the warning must be acknowledged.
  await page.goto(`/flows/${flow.id}`);
  await page.getByRole('button', { name: 'Publish' }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish the draft' });
  await dialog.getByLabel('Note').fill('First version');
  await dialog.getByRole('button', { name: 'Publish' }).click();
  const warnings = dialog.getByTestId('publish-warnings');
  await expect(warnings).toContainText('orphan');
  await snapshot('versions-publish-warning');
  await dialog.getByLabel('I have reviewed these warnings and want to publish anyway').check();
  await dialog.getByRole('button', { name: 'Publish' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status')).toHaveText('Version 1 published.');

  // The numbers page shows the flow and the live version.
  await page.goto('/numbers');
  await expect(page.getByTestId('number-row').filter({ hasText: number.e164 })).toContainText('v1');

  // Version 2: a step removed (info, and the orphan), a step added (news), a prompt changed.
  const v2 = structuredClone(v1);
  v2.nodes = v2.nodes.filter((n: any) => n.id !== 'info' && n.id !== 'orphan');
  v2.edges = v2.edges.filter((e: any) => e.source !== 'info' && e.target !== 'info');
  v2.nodes.push({ id: 'news', type: 'message', position: { x: 840, y: 180 }, label: 'News', config: { prompt: { kind: 'tts', text: { en: 'Our news.' } } } });
  v2.edges.push({ id: 'e3b', source: 'menu', sourceOutput: '2', target: 'news' }, { id: 'e6b', source: 'news', sourceOutput: 'next', target: 'bye' });
  v2.nodes.find((n: any) => n.id === 'welcome').config.prompt.text.en = 'Welcome to Relais, version two.';
  const draft = await call(request, 'get', `/api/flows/${flow.id}/draft`);
  await call(request, 'put', `/api/flows/${flow.id}/draft`, { document: v2, revision: draft.revision });
  await call(request, 'post', `/api/flows/${flow.id}/publish`, { note: 'News instead of information' });

  // The history, then compare 1 → 2.
  await page.goto(`/flows/${flow.id}`);
  await page.getByRole('link', { name: 'Versions and history' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Versions of Standard' })).toBeVisible();
  await expect(page.getByTestId('version-row')).toHaveCount(2);
  await page.getByLabel('From', { exact: true }).selectOption('1');
  await page.getByLabel('To', { exact: true }).selectOption('2');
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Changes from Version 1 to Version 2' })).toBeVisible();
  const list = page.getByTestId('diff-list');
  await expect(list).toContainText('Steps added');
  await expect(list).toContainText('News');
  await expect(list).toContainText('Prompt › Text › English');
  await expect(list).toContainText('Welcome to Relais, version two.');
  const canvas = page.getByTestId('diff-canvas');
  await expect(canvas.locator('[data-status="added"]')).toHaveText(/News/);
  await expect(canvas.locator('[data-status="removed"]')).toHaveCount(2);
  await expect(canvas.locator('[data-status="removed"]').first()).toBeVisible();
  await expect(canvas.locator('[data-status="changed"]')).toContainText('Bienvenue');
  await expect(canvas.locator('[data-status="changed"]')).toContainText('Prompt › Text › English');
  await canvas.scrollIntoViewIfNeeded();
  await snapshot('versions-diff');

  // Roll back to version 1: the dialog says what goes live; the draft equals the live version, so
  // replacing it (the default then) loses nothing.
  await page.getByRole('button', { name: 'Roll back to version 1' }).click();
  const rollback = page.getByRole('alertdialog', { name: 'Roll back to version 1?' });
  await expect(rollback).toContainText('Version 1 goes live again as version 3');
  await expect(rollback.getByLabel('Replace the draft with version 1')).toBeChecked();
  await rollback.getByRole('button', { name: 'Publish as version 3' }).click();
  await expect(rollback).toBeHidden();
  await expect(page.getByText('Version 3 published from version 1; the draft is now version 1.')).toBeVisible();
  await expect(page.getByTestId('version-row')).toHaveCount(3);
  await expect(page.getByTestId('version-row').first()).toContainText('Rollback to version 1');
  const v3 = await call(request, 'get', `/api/flows/${flow.id}/versions/3`);
  expect(v3.document).toEqual(v1);

  // Duplicate version 2 into a new flow (named in the dialog) and find it in the list.
  await page.getByRole('button', { name: 'Duplicate version 2 into a new flow' }).click();
  const duplicate = page.getByRole('dialog', { name: 'Duplicate version 2' });
  await expect(duplicate.getByLabel('Name of the new flow')).toHaveValue('Copy of Standard');
  await duplicate.getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Copy of Standard' })).toBeVisible();
  await page.goto('/flows');
  await expect(page.getByTestId('flow-row').filter({ hasText: 'Copy of Standard' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Standard', exact: true })).toBeVisible();

  // The audit log lists it all, filtered by flow.
  await page.getByRole('navigation').getByRole('link', { name: 'Audit log' }).click();
  await page.getByLabel('Flow', { exact: true }).selectOption(flow.id);
  await page.getByRole('button', { name: 'Filter' }).click();
  const rows = page.getByTestId('audit-row');
  await expect(rows.filter({ hasText: 'Duplicated' })).toContainText('Copy of Standard');
  await expect(rows.filter({ hasText: 'Rolled back' })).toContainText('version 3 from version 1');
  await expect(rows.filter({ hasText: 'Published' })).toHaveCount(2);
  await snapshot('versions-audit');
});
