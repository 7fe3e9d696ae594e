// The flow editor, as an admin uses it: build a flow from the palette (message → hours →
// menu with two keys → a queue group and a voicemail), configure each step in the inspector,
// watch the unconnected menu key's problem appear and go once connected, save, reload, export
// and compare, undo and redo a deletion, and import a bad file to see its problems.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { createEditorOrganization, createFlowWithDraft } from './editor-support/editor-data';
import { waitForViewportToSettle } from './editor-support/canvas';
import { expect, test } from './support/fixtures';

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

async function dropStep(page: Page, type: string, x: number, y: number) {
  await page.locator(`.palette-item[data-step-type="${type}"]`).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } });
}


type Box = { x: number; y: number; width: number; height: number };

async function handleBoxes(page: Page, source: string, output: string, target: string): Promise<[Box, Box]> {
  const from = await node(page, source).locator(`.react-flow__handle.source[data-handleid="${output}"]`).boundingBox();
  const to = await node(page, target).locator('.react-flow__handle.target').boundingBox();
  if (!from || !to) throw new Error(`handles of ${source}.${output} → ${target} not visible`);
  return [from, to];
}

async function insidePane(page: Page, box: Box, margin = 80): Promise<boolean> {
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  return cx > pane.x + margin && cx < pane.x + pane.width - margin && cy > pane.y + margin && cy < pane.y + pane.height - margin;
}

async function connectOutput(page: Page, source: string, output: string, target: string) {
  const edges = page.locator('.react-flow__edge');
  const before = await edges.count();
  // A connection can miss when the drag starts during a re-render; one more try, as a user would.
  for (let attempt = 0; attempt < 2; attempt++) {
    await waitForViewportToSettle(page);
    let [from, to] = await handleBoxes(page, source, output, target);
    // React Flow pans the canvas while a connection is dragged near its border, which moves
    // the target under the mouse: bring both handles well inside the pane first.
    if (!(await insidePane(page, from)) || !(await insidePane(page, to))) {
      await page.getByRole('toolbar', { name: 'Editor tools' }).getByRole('button', { name: 'Fit view' }).click();
      await waitForViewportToSettle(page);
      [from, to] = await handleBoxes(page, source, output, target);
    }
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 20, from.y + from.height / 2 + 5, { steps: 3 });
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    await page.mouse.up();
    if (await expect(edges).toHaveCount(before + 1, { timeout: 3000 }).then(() => true, () => false)) return;
  }
  await expect(edges).toHaveCount(before + 1);
}

async function select(page: Page, id: string) {
  await node(page, id).locator('.step-label').click();
  await expect(page.getByTestId('node-inspector')).toContainText(id);
}

async function savedDraft(page: Page, flowId: string) {
  const response = await page.request.get(`/api/flows/${flowId}/draft`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as { document: { nodes: { id: string; type: string; label?: string; config: Record<string, unknown> }[]; edges: { source: string; sourceOutput: string; target: string }[]; entry: string }; revision: number };
}

test('an admin builds, checks, saves, exports and imports a flow in the editor', async ({ page, prisma, snapshot }) => {
  test.setTimeout(300_000);
  const org = await createEditorOrganization(prisma);
  const flowId = await createFlowWithDraft(prisma, org.organizationId, 'Main line');
  await page.goto('/sign-in');
  await page.locator('input[name="email"]').fill(org.user.email);
  await page.locator('input[name="password"]').fill(org.user.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL('**/flows');

  // The flow page links to the editor; an empty draft offers templates.
  await page.goto(`/flows/${flowId}`);
  await page.getByRole('link', { name: 'Open the editor' }).click();
  await page.waitForURL(/\/edit$/, { timeout: 60_000 });
  const templates = page.getByRole('dialog', { name: 'Start from…' });
  await expect(templates).toBeVisible({ timeout: 60_000 });
  await snapshot('editor-templates');
  await templates.getByRole('button', { name: 'Keep the current draft' }).click();

  // Remove the hang-up a new draft starts with, and zoom out a little to make room.
  await select(page, 'start');
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('step-node')).toHaveCount(0);
  await page.locator('.react-flow__controls-zoomout').click();
  await page.locator('.react-flow__controls-zoomout').click();

  // Build from the palette: search works, then drag each step onto the canvas.
  await page.getByRole('searchbox', { name: 'Search steps' }).fill('voicemail');
  await expect(page.locator('.palette-item')).toHaveCount(1);
  await page.getByRole('searchbox', { name: 'Search steps' }).fill('');
  await expect(page.locator('.palette-item')).toHaveCount(16);
  await dropStep(page, 'message', 30, 30);
  await dropStep(page, 'hours', 250, 30);
  await dropStep(page, 'menu', 30, 220);
  await dropStep(page, 'queue-group', 250, 230);
  await dropStep(page, 'voicemail', 480, 120);
  await expect(page.getByTestId('step-node')).toHaveCount(5);
  await expect(node(page, 'message-1')).toContainText('Start');

  // Configure each step through the inspector; the node shows each change at once.
  const inspector = page.getByTestId('node-inspector');
  await select(page, 'message-1');
  await inspector.getByLabel('Label', { exact: true }).fill('Welcome');
  await inspector.getByLabel('Text (EN)').fill('Welcome to Relais.');
  await expect(node(page, 'message-1')).toContainText('Welcome to Relais.');

  await select(page, 'hours-1');
  await inspector.getByLabel('Label', { exact: true }).fill('Opening hours');
  await inspector.getByLabel(/^Calendar/).selectOption({ label: 'Office hours' });
  await expect(node(page, 'hours-1')).toContainText('Office hours');

  await select(page, 'menu-1');
  await inspector.getByLabel('Label', { exact: true }).fill('Main menu');
  await inspector.getByLabel('Text (EN)').fill('For sales press 1, for support press 2.');
  await inspector.getByRole('group', { name: 'Keys' }).getByRole('button', { name: '2', exact: true }).click();
  await inspector.getByLabel('Label of key 1').fill('Sales');
  await inspector.getByLabel('Label of key 2').fill('Support');
  await inspector.getByLabel(/^Timeout/).fill('8');
  await expect(node(page, 'menu-1').locator('[data-output="2"]')).toContainText('Support');

  await select(page, 'queue-group-1');
  await inspector.getByLabel('Label', { exact: true }).fill('Sales team');
  await inspector.getByLabel(/^Group/).selectOption({ label: 'Sales' });
  await inspector.getByLabel(/^Strategy/).selectOption('cascade');
  await inspector.getByLabel(/^Ring time/).fill('25');
  await expect(node(page, 'queue-group-1')).toContainText('Sales · Cascade');

  await select(page, 'voicemail-1');
  await inspector.getByLabel('Label', { exact: true }).fill('Voicemail');
  await inspector.getByLabel(/^Group/).selectOption({ label: 'Support' });
  await inspector.getByLabel(/^Maximum length/).fill('60');
  await expect(node(page, 'voicemail-1')).toContainText('Support');

  // Connect the outputs, leaving menu key 2 for later.
  await connectOutput(page, 'message-1', 'next', 'hours-1');
  await connectOutput(page, 'hours-1', 'open', 'menu-1');
  await connectOutput(page, 'hours-1', 'closed', 'voicemail-1');
  await connectOutput(page, 'menu-1', '1', 'queue-group-1');
  await connectOutput(page, 'menu-1', 'timeout', 'voicemail-1');
  await connectOutput(page, 'queue-group-1', 'no_answer', 'voicemail-1');
  await expect(page.locator('.react-flow__edge')).toHaveCount(6);

  // The unconnected key is flagged on its handle, on the node and in the problems panel.
  const key2 = node(page, 'menu-1').locator('[data-output="2"]');
  const panel = page.getByTestId('problems-panel');
  await expect(key2).toHaveClass(/has-(warning|error)/);
  await expect(node(page, 'menu-1').getByTestId('node-problem-badge')).toBeVisible();
  await expect(panel).toContainText('Output "Support" of node "menu-1" is not connected');
  await snapshot('editor-unconnected-key');
  // Clicking the problem selects the step.
  await panel.getByRole('button', { name: /Output "Support" of node "menu-1"/ }).click();
  await expect(inspector).toContainText('menu-1');
  await waitForViewportToSettle(page); // the view pans to the step
  await connectOutput(page, 'menu-1', '2', 'voicemail-1');
  await expect(key2).not.toHaveClass(/has-(warning|error)/);
  await expect(panel).not.toContainText('Output "Support" of node "menu-1"');
  await expect(panel).toContainText('0 errors, 0 warnings');

  // Tidy up with the automatic layout (left to right).
  await page.getByRole('button', { name: 'Auto layout' }).click();
  // elkjs lays out asynchronously: wait until the result shows, left to right.
  const x = async (id: string) => (await node(page, id).boundingBox())!.x;
  await expect.poll(async () => (await x('message-1')) < (await x('hours-1')), { timeout: 15_000 }).toBe(true);
  await waitForViewportToSettle(page);
  expect(await x('hours-1')).toBeLessThan(await x('menu-1'));
  expect(await x('menu-1')).toBeLessThan(await x('queue-group-1'));

  // Save (Ctrl+S; autosave would do it too) and reload: the same flow comes back.
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-status', 'saved');
  await snapshot('editor-built');
  const saved = await savedDraft(page, flowId);
  expect(saved.document.entry).toBe('message-1');
  expect(saved.document.nodes.map((n) => [n.id, n.type, n.label])).toEqual([
    ['message-1', 'message', 'Welcome'],
    ['hours-1', 'hours', 'Opening hours'],
    ['menu-1', 'menu', 'Main menu'],
    ['queue-group-1', 'queue-group', 'Sales team'],
    ['voicemail-1', 'voicemail', 'Voicemail'],
  ]);
  const menu = saved.document.nodes.find((n) => n.id === 'menu-1')!;
  expect(menu.config).toMatchObject({ keys: [{ key: '1', label: 'Sales' }, { key: '2', label: 'Support' }], timeoutSeconds: 8, prompt: { kind: 'tts', text: { en: 'For sales press 1, for support press 2.' } } });
  expect(saved.document.nodes.find((n) => n.id === 'queue-group-1')!.config).toMatchObject({ groupId: org.groupIds[0], strategy: 'cascade', ringTimeSeconds: 25 });
  expect(saved.document.nodes.find((n) => n.id === 'voicemail-1')!.config).toMatchObject({ mailbox: { kind: 'group', groupId: org.groupIds[1] }, maxLengthSeconds: 60 });
  expect(saved.document.nodes.find((n) => n.id === 'hours-1')!.config).toMatchObject({ calendarId: org.calendarId });
  expect(saved.document.edges.map((e) => `${e.source}.${e.sourceOutput}>${e.target}`).sort()).toEqual(
    ['hours-1.closed>voicemail-1', 'hours-1.open>menu-1', 'menu-1.1>queue-group-1', 'menu-1.2>voicemail-1', 'menu-1.timeout>voicemail-1', 'message-1.next>hours-1', 'queue-group-1.no_answer>voicemail-1'].sort(),
  );

  await page.reload();
  await expect(page.getByTestId('step-node')).toHaveCount(5);
  await expect(page.getByRole('dialog', { name: 'Start from…' })).toHaveCount(0);
  await expect(node(page, 'menu-1')).toContainText('Main menu');
  await expect(page.locator('.react-flow__edge')).toHaveCount(7);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-status', 'saved');

  // Export: the file is the saved document.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  expect(download.suggestedFilename()).toBe('main-line.flow.json');
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(exported).toEqual(saved.document);

  // Undo and redo a deletion (the step and its edges).
  await select(page, 'voicemail-1');
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('step-node')).toHaveCount(4);
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('step-node')).toHaveCount(5);
  await expect(page.locator('.react-flow__edge')).toHaveCount(7);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('step-node')).toHaveCount(4);
  await page.keyboard.press('Control+y');
  await expect(page.getByTestId('step-node')).toHaveCount(4);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('step-node')).toHaveCount(5);

  // Import a bad file: its problems are listed and nothing is replaced.
  await page.getByRole('button', { name: 'Import JSON' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import a flow' });
  const bad = {
    schemaVersion: 1,
    name: 'Broken',
    entry: 'nowhere',
    nodes: [{ id: 'm', type: 'menu', position: { x: 0, y: 0 }, config: { keys: [] } }],
    edges: [{ id: 'e1', source: 'm', sourceOutput: 'timeout', target: 'ghost' }],
  };
  await importDialog.getByLabel('JSON file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  const result = importDialog.getByTestId('import-result');
  await expect(result).toContainText('This file cannot be imported');
  await expect(result).toContainText('/entry');
  await expect(result).toContainText('ghost');
  await expect(importDialog.getByRole('button', { name: 'Replace the draft' })).toBeDisabled();
  await snapshot('editor-import-problems');
  await importDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('step-node')).toHaveCount(5);

  // Shortcuts are listed in the help panel.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Undo');
  await expect(help).toContainText('Auto layout');
  await snapshot('editor-help');
  await help.getByRole('button', { name: 'Close' }).click();
});

test('a stale draft is never overwritten silently', async ({ page, prisma }) => {
  const org = await createEditorOrganization(prisma);
  const flowId = await createFlowWithDraft(prisma, org.organizationId, 'Shared');
  await page.goto('/sign-in');
  await page.locator('input[name="email"]').fill(org.user.email);
  await page.locator('input[name="password"]').fill(org.user.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL('**/flows');
  await page.goto(`/flows/${flowId}/edit`);
  await page.getByRole('dialog', { name: 'Start from…' }).getByRole('button', { name: 'Simple reception' }).click();
  await expect(page.getByTestId('step-node')).toHaveCount(3);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-status', 'saved');
  // Someone else saves in the meantime.
  await prisma.flowVersion.updateMany({ where: { flowId, status: 'draft' }, data: { revision: { increment: 1 } } });
  await select(page, 'welcome');
  await page.getByTestId('node-inspector').getByLabel('Label', { exact: true }).fill('Hello there');
  const conflict = page.getByRole('alertdialog', { name: 'This draft was changed elsewhere' });
  await expect(conflict).toBeVisible();
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-status', 'conflict');
  await conflict.getByRole('button', { name: 'Overwrite with mine' }).click();
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-status', 'saved');
  expect((await savedDraft(page, flowId)).document.nodes.find((n) => n.id === 'welcome')!.label).toBe('Hello there');
});
