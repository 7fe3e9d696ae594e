// The editor's top bar at the size the browser tests use (1280 × 800, a common laptop): every
// button on one line, in French (the longer labels) and in English, for an admin (who also
// gets Publish, Try and Tests). Before: it wrapped onto two lines once Try and Tests were added.
import type { Page } from '@playwright/test';
import { createEditorOrganization, createFlowWithDraft } from './editor-support/editor-data';
import { openFlowEditor } from './editor-support/open-editor';
import { expect, test } from './support/fixtures';

function flow(name: string) {
  return {
    schemaVersion: 1,
    name,
    language: 'fr',
    entry: 'welcome',
    nodes: [
      { id: 'welcome', type: 'message', position: { x: 0, y: 0 }, label: 'Bienvenue', config: { prompt: { kind: 'tts', text: { fr: 'Bienvenue.' } } } },
      { id: 'bye', type: 'hangup', position: { x: 320, y: 0 }, label: 'Fin', config: {} },
    ],
    edges: [{ id: 'e1', source: 'welcome', sourceOutput: 'next', target: 'bye' }],
  };
}

/** The toolbar's items as laid out: their top and right edges, and the toolbar's own box. */
async function layout(page: Page, label: string) {
  const toolbar = page.getByRole('toolbar', { name: label });
  await expect(toolbar).toBeVisible();
  return toolbar.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const items = [...el.querySelectorAll('button, a, .tag, h1, [data-testid="save-state"]')].map((c) => {
      const r = c.getBoundingClientRect();
      return { text: (c.getAttribute('aria-label') ?? c.textContent ?? '').trim(), top: Math.round(r.top), bottom: Math.round(r.bottom), right: Math.round(r.right) };
    });
    return { height: Math.round(box.height), right: Math.round(box.right), items };
  });
}

for (const { locale, label, names } of [
  { locale: 'fr', label: 'Outils de l’éditeur', names: ['Annuler', 'Rétablir', 'Disposition auto', 'Tout afficher', 'Modèles', 'Importer JSON', 'Exporter JSON', 'Raccourcis', 'Essayer', 'Publier'] },
  { locale: 'en', label: 'Editor tools', names: ['Undo', 'Redo', 'Auto layout', 'Fit view', 'Templates', 'Import JSON', 'Export JSON', 'Shortcuts', 'Try', 'Publish'] },
]) {
  test(`the editor toolbar holds on one line at 1280 px (${locale})`, async ({ page, prisma }) => {
    const org = await createEditorOrganization(prisma, { locale });
    const flowId = await createFlowWithDraft(prisma, org.organizationId, 'Accueil du standard principal', flow('Accueil du standard principal'));
    await openFlowEditor(page, org.user, flowId);
    await expect(page.getByTestId('step-node').first()).toBeVisible();

    const toolbar = page.getByRole('toolbar', { name: label });
    // every tool is there, named (a button shown as an icon keeps its name for screen readers and tests)
    for (const name of names) await expect(toolbar.getByRole('button', { name }).first()).toBeVisible();
    const { items, right } = await layout(page, label);
    const tops = items.map((i) => i.top);
    expect(Math.max(...tops) - Math.min(...tops), JSON.stringify(items)).toBeLessThan(12); // one row
    for (const item of items) expect(item.right, item.text).toBeLessThanOrEqual(right);
    await page.screenshot({ path: `test-results/screenshots/editor-toolbar-${locale}.png`, clip: { x: 0, y: 0, width: 1280, height: 120 } });
  });
}
