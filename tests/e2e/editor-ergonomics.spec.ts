// Editor ergonomics (issue 16, item 5), at 1280×720 in French and in English: steps added from
// the palette (click, keyboard, drag) land in free space; the automatic layout spreads
// unconnected steps; the templates dialog sees a flow that is not empty; dialogs keep their
// buttons on screen; the save status and the problems panel count the same errors; the filter
// step's icon is drawn.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { starterConfig } from '@/app/flow-editor/core/create-node';
import type { StepType } from '@/schemas';
import { createEditorOrganization, createFlowWithDraft } from './editor-support/editor-data';
import { waitForViewportToSettle } from './editor-support/canvas';
import { expect, test } from './support/fixtures';

// The editor's own catalogues: the tests read what the user reads, in each language.
const catalogue = (language: string) => JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../../app/flow-editor/messages/${language}.json`), 'utf8'));
const editorEn = catalogue('en');
const editorFr = catalogue('fr');

type Box = { x: number; y: number; width: number; height: number };
type Language = 'fr' | 'en';

const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Pairs of step boxes (on screen) that overlap, as "a/b". */
async function overlappingSteps(page: Page): Promise<string[]> {
  const boxes = await page.locator('.react-flow__node').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { id: el.getAttribute('data-id') ?? '?', x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
  const pairs: string[] = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) if (overlap(boxes[i], boxes[j])) pairs.push(`${boxes[i].id}/${boxes[j].id}`);
  return pairs;
}

/** The box is entirely inside the 1280×720 window (and inside `container` when given). */
async function expectFullyVisible(page: Page, target: Locator, container?: Locator) {
  const box = await target.boundingBox();
  expect(box, 'has a box').not.toBeNull();
  const view = page.viewportSize()!;
  const outer = container ? (await container.boundingBox())! : { x: 0, y: 0, width: view.width, height: view.height };
  expect(box!.x).toBeGreaterThanOrEqual(Math.max(0, outer.x) - 0.5);
  expect(box!.y).toBeGreaterThanOrEqual(Math.max(0, outer.y) - 0.5);
  expect(box!.x + box!.width).toBeLessThanOrEqual(Math.min(view.width, outer.x + outer.width) + 0.5);
  expect(box!.y + box!.height).toBeLessThanOrEqual(Math.min(view.height, outer.y + outer.height) + 0.5);
}

function step(id: string, type: StepType, language: Language, position = { x: 0, y: 0 }, label?: string) {
  return { id, type, position, label: label ?? id, config: starterConfig(type, language) };
}

function flowDocument(language: Language, nodes: ReturnType<typeof step>[], edges: { id: string; source: string; sourceOutput: string; target: string }[] = []) {
  return { schemaVersion: 1, name: 'Accueil', language, entry: nodes[0].id, nodes, edges };
}

async function openEditor(page: Page, prisma: Parameters<typeof createEditorOrganization>[0], language: Language, document?: unknown) {
  const org = await createEditorOrganization(prisma, { locale: language });
  const flowId = await createFlowWithDraft(prisma, org.organizationId, language === 'fr' ? 'Standard' : 'Main line', document);
  await page.goto('/sign-in');
  await page.locator('input[name="email"]').fill(org.user.email);
  await page.locator('input[name="password"]').fill(org.user.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL('**/flows');
  await page.goto(`/flows/${flowId}/edit`);
  await expect(page.locator('.react-flow__pane')).toBeVisible({ timeout: 60_000 });
  return { org, flowId };
}

for (const language of ['fr', 'en'] as const) {
  const m = language === 'fr' ? editorFr : editorEn;
  const toolbar = (page: Page) => page.getByRole('toolbar', { name: m.toolbar.label });

  test.describe(`editor ergonomics (${language})`, () => {
    test.use({ viewport: { width: 1280, height: 720 }, locale: language === 'fr' ? 'fr-FR' : 'en-GB' });

    test('steps added from the palette, by keyboard and by drag never land on another step', async ({ page, prisma }) => {
      await openEditor(page, prisma, language);
      await page.getByRole('dialog', { name: m.templates.title }).getByRole('button', { name: m.templates.dismiss }).click();
      await expect(page.getByTestId('step-node')).toHaveCount(1);

      // Twice the same step by a click: both would go to the centre of the view.
      const palette = page.locator('.palette');
      await palette.locator('.palette-item[data-step-type="message"]').click();
      await palette.locator('.palette-item[data-step-type="message"]').click();
      // By keyboard: from the search box, ↓ then Enter adds the first step of the list.
      const search = page.getByRole('searchbox', { name: m.palette.search });
      await search.focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('step-node')).toHaveCount(5);
      // By drag, right onto an existing step.
      await waitForViewportToSettle(page);
      const target = (await page.locator('.react-flow__node[data-id="message-1"]').boundingBox())!;
      const pane = (await page.locator('.react-flow__pane').boundingBox())!;
      await palette
        .locator('.palette-item[data-step-type="hangup"]')
        .dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: target.x - pane.x + target.width / 2, y: target.y - pane.y + 30 } });
      await expect(page.getByTestId('step-node')).toHaveCount(6);
      await expect.poll(() => overlappingSteps(page)).toEqual([]);
    });

    test('the automatic layout spreads unconnected steps without overlap', async ({ page, prisma }) => {
      const types: StepType[] = ['message', 'menu', 'hours', 'queue-group', 'voicemail', 'filter', 'split', 'hangup'];
      await openEditor(page, prisma, language, flowDocument(language, types.map((type, i) => step(`s${i}`, type, language, { x: (i % 2) * 40, y: (i % 3) * 20 }))));
      await expect(page.getByTestId('step-node')).toHaveCount(types.length);
      // All piled up at first.
      expect((await overlappingSteps(page)).length).toBeGreaterThan(0);
      await toolbar(page).getByRole('button', { name: m.toolbar.layout }).click();
      await waitForViewportToSettle(page);
      await expect.poll(() => overlappingSteps(page)).toEqual([]);
      // Undo piles them up again (the editor's copy of the steps then has no sizes); the layout
      // still uses the sizes drawn on the canvas.
      await toolbar(page).getByRole('button', { name: m.toolbar.undo }).click();
      await expect.poll(async () => (await overlappingSteps(page)).length).toBeGreaterThan(0);
      await toolbar(page).getByRole('button', { name: m.toolbar.layout }).click();
      await waitForViewportToSettle(page);
      await expect.poll(() => overlappingSteps(page)).toEqual([]);
    });

    test('the templates dialog sees a flow that has steps and adds beside them or replaces them', async ({ page, prisma, snapshot }) => {
      const nodes = [step('welcome', 'message', language), step('bye', 'hangup', language, { x: 320, y: 0 })];
      await openEditor(page, prisma, language, flowDocument(language, nodes, [{ id: 'e1', source: 'welcome', sourceOutput: 'next', target: 'bye' }]));
      await expect(page.getByTestId('step-node')).toHaveCount(2);
      // A flow with steps does not open it by itself.
      await expect(page.getByRole('dialog', { name: m.templates.title })).toHaveCount(0);
      await toolbar(page).getByRole('button', { name: m.toolbar.templates }).click();
      const dialog = page.getByRole('dialog', { name: m.templates.title });
      await expect(dialog.getByTestId('templates-not-empty')).toBeVisible();
      await expect(dialog.getByTestId('templates-not-empty')).toContainText('2');
      await expect(dialog.getByText(m.templates.intro)).toHaveCount(0);
      await expect(dialog.getByRole('radio', { name: m.templates.modeAdd })).toBeChecked();
      await expectFullyVisible(page, dialog.getByRole('button', { name: m.templates.dismiss }));
      if (language === 'fr') await snapshot('editor-ergonomics-templates-fr');

      // Added beside: the two steps stay, the template's three join them, nothing overlaps.
      await dialog.getByRole('button', { name: m.templates['reception-cascade'] }).click();
      await expect(page.getByTestId('step-node')).toHaveCount(5);
      await expect(page.locator('.react-flow__node[data-id="welcome"]')).toBeVisible();
      await expect.poll(() => overlappingSteps(page)).toEqual([]);

      // Replaced: only the template's steps remain; Undo brings the earlier ones back.
      await toolbar(page).getByRole('button', { name: m.toolbar.templates }).click();
      await dialog.getByRole('radio', { name: m.templates.modeReplace }).check();
      await dialog.getByRole('button', { name: m.templates['reception-cascade'] }).click();
      await expect(page.getByTestId('step-node')).toHaveCount(3);
      await toolbar(page).getByRole('button', { name: m.toolbar.undo }).click();
      await expect(page.getByTestId('step-node')).toHaveCount(5);
    });

    test('the save status counts the same errors as the problems panel', async ({ page, prisma }) => {
      // A queue group without its group (an error that blocks saving) whose required output is
      // not connected (an error a draft may keep), and a menu with unconnected keys (warnings).
      const nodes = [step('welcome', 'message', language), step('menu', 'menu', language, { x: 320, y: 0 }), step('sales', 'queue-group', language, { x: 640, y: 0 })];
      await openEditor(page, prisma, language, flowDocument(language, nodes, [{ id: 'e1', source: 'welcome', sourceOutput: 'next', target: 'menu' }]));
      await expect(page.getByTestId('step-node')).toHaveCount(3);
      // A change makes the editor try to save.
      await page.locator('.palette .palette-item[data-step-type="hangup"]').click();
      const save = page.getByTestId('save-state');
      await expect(save).toHaveAttribute('data-status', 'invalid');
      const panelCount = page.getByTestId('problems-panel').locator('.problem-count');
      await expect(panelCount).toHaveAttribute('data-errors', '2');
      await expect(save).toHaveAttribute('data-error-count', '2');
      await expect(page.getByTestId('problems-panel').locator('li.problem.error')).toHaveCount(2);
      // What the user reads: the same number in both places.
      await expect(save.getByRole('status')).toContainText('2');
      await expect(panelCount).toContainText('2');
    });

    test('the filter step shows its icon', async ({ page, prisma, snapshot }) => {
      await openEditor(page, prisma, language, flowDocument(language, [step('welcome', 'message', language), step('filter', 'filter', language, { x: 320, y: 0 })]));
      const badge = page.locator('.react-flow__node[data-id="filter"] .step-glyph');
      await expect(badge.locator('svg path')).toBeVisible();
      const icon = (await badge.locator('svg').boundingBox())!;
      expect(icon.width).toBeGreaterThan(6);
      expect(icon.height).toBeGreaterThan(6);
      await expect(page.locator('.palette-item[data-step-type="filter"] .step-glyph svg')).toBeVisible();
      await page.locator('.react-flow__node[data-id="filter"] .step-type').click();
      await expect(page.getByTestId('node-inspector').locator('.step-glyph svg')).toBeVisible();
      await snapshot(`editor-ergonomics-filter-${language}`);
    });

    test('dialogs keep their buttons on screen; the conflict dialog fits its buttons', async ({ page, prisma, snapshot }) => {
      const nodes = [step('welcome', 'message', language), step('bye', 'hangup', language, { x: 320, y: 0 })];
      const { flowId } = await openEditor(page, prisma, language, flowDocument(language, nodes, [{ id: 'e1', source: 'welcome', sourceOutput: 'next', target: 'bye' }]));
      await expect(page.getByTestId('step-node')).toHaveCount(2);

      // Keyboard shortcuts: a long table.
      await toolbar(page).getByRole('button', { name: new RegExp(m.toolbar.help) }).click();
      const help = page.getByRole('dialog', { name: m.help.title });
      await expectFullyVisible(page, help.getByRole('button', { name: m.help.close }));
      await help.getByRole('button', { name: m.help.close }).click();

      // Import of a file with many problems: a long list.
      await toolbar(page).getByRole('button', { name: m.toolbar.import }).click();
      const importDialog = page.getByRole('dialog', { name: m.import.title });
      const bad = { schemaVersion: 1, name: 'x', language, entry: 'n0', nodes: Array.from({ length: 40 }, (_, i) => ({ id: `n${i}`, type: 'queue-group', position: { x: i * 10, y: 0 }, config: {} })), edges: [] };
      await importDialog.locator('input[type="file"]').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
      await expect(importDialog.getByTestId('import-result')).toBeVisible();
      await expectFullyVisible(page, importDialog.getByRole('button', { name: m.import.cancel }));
      await expectFullyVisible(page, importDialog.getByRole('button', { name: m.import.confirm }));
      await importDialog.getByRole('button', { name: m.import.cancel }).click();

      // Someone else saves; the next change opens the conflict dialog.
      await prisma.flowVersion.updateMany({ where: { flowId, status: 'draft' }, data: { revision: { increment: 1 } } });
      await page.locator('.palette .palette-item[data-step-type="hangup"]').click();
      const conflict = page.getByRole('alertdialog', { name: m.conflict.title });
      await expect(conflict).toBeVisible();
      for (const name of [m.conflict.cancel, m.conflict.reload, m.conflict.overwrite]) await expectFullyVisible(page, conflict.getByRole('button', { name }), conflict);
      // Each button shows its whole text (nothing cut off inside it).
      for (const button of await conflict.locator('.dialog-footer .button').all()) {
        expect(await button.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      }
      if (language === 'fr') await snapshot('editor-ergonomics-conflict-fr');
    });
  });
}
