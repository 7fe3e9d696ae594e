// Publishing from the flow editor: the toolbar says which version is live and whether the
// draft differs; Publish (or Ctrl+Shift+P) saves pending changes, then publishes through the
// versions pages' dialog — errors listed and each one selects its step, warnings confirmed
// with "Publish anyway", then "Version N published" with a link to the history. A conflict
// or an unreachable server publishes nothing and loses nothing; agents are not offered it.
import type { Page } from '@playwright/test';
import { createUserWithPassword } from '@/app/lib/users/create-user';
import { createEditorOrganization, createFlowWithDraft, type EditorData } from './editor-support/editor-data';
import { waitForViewportToSettle } from './editor-support/canvas';
import { expect, test } from './support/fixtures';

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const toolbar = (page: Page) => page.getByRole('toolbar', { name: /Editor tools|Outils de l’éditeur/ });

const message = (id: string, x: number, y: number, text: string) => ({ id, type: 'message', position: { x, y }, label: text, config: { prompt: { kind: 'tts', text: { en: text } } } });

/** welcome → business hours; "open" → bye, but "closed" leads nowhere (an error) and the
 *  "closed" message is not reached yet; "forgotten" is never reached (a warning). */
function brokenFlow(calendarId: string) {
  return {
    schemaVersion: 1,
    name: 'Front desk',
    language: 'en',
    entry: 'welcome',
    nodes: [
      message('welcome', 0, 0, 'Welcome.'),
      { id: 'route', type: 'hours', position: { x: 300, y: 0 }, label: 'Office hours', config: { calendarId } },
      { id: 'bye', type: 'hangup', position: { x: 620, y: 0 }, label: 'Bye', config: {} },
      message('closedMsg', 300, 260, 'We are closed.'),
      { id: 'forgotten', type: 'hangup', position: { x: 620, y: 260 }, label: 'Forgotten', config: {} },
    ],
    edges: [
      { id: 'e1', source: 'welcome', sourceOutput: 'next', target: 'route' },
      { id: 'e2', source: 'route', sourceOutput: 'open', target: 'bye' },
      { id: 'e3', source: 'closedMsg', sourceOutput: 'next', target: 'bye' },
    ],
  };
}

const simpleFlow = {
  schemaVersion: 1,
  name: 'Front desk',
  language: 'en',
  entry: 'welcome',
  nodes: [message('welcome', 0, 0, 'Welcome.'), { id: 'bye', type: 'hangup', position: { x: 320, y: 0 }, label: 'Bye', config: {} }],
  edges: [{ id: 'e1', source: 'welcome', sourceOutput: 'next', target: 'bye' }],
};

async function publishedVersion(data: Parameters<typeof createFlowWithDraft>[0], org: EditorData, flowId: string, number: number, document: unknown) {
  await data.flowVersion.create({
    data: { organizationId: org.organizationId, flowId, status: 'published', number, document: document as object, publishedAt: new Date(), note: `Version ${number}` },
  });
}

async function openEditor(page: Page, user: { email: string; password: string }, flowId: string) {
  await page.goto('/sign-in');
  await page.locator('input[name="email"]').fill(user.email);
  await page.locator('input[name="password"]').fill(user.password);
  await page.locator('button[type="submit"]').click();
  // Agents land on their console (/agent), the others on the flows.
  await page.waitForURL(/\/(flows|agent)$/);
  await page.goto(`/flows/${flowId}/edit`);
  await expect(page.getByTestId('step-node').first()).toBeVisible({ timeout: 60_000 });
}


/** Drags from an output handle to a step's input, as editor.spec.ts does (one retry). */
async function connectOutput(page: Page, source: string, output: string, target: string) {
  const edges = page.locator('.react-flow__edge');
  const before = await edges.count();
  for (let attempt = 0; attempt < 2; attempt++) {
    await waitForViewportToSettle(page);
    const from = await node(page, source).locator(`.react-flow__handle.source[data-handleid="${output}"]`).boundingBox();
    const to = await node(page, target).locator('.react-flow__handle.target').boundingBox();
    if (!from || !to) throw new Error(`handles of ${source}.${output} → ${target} not visible`);
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 20, from.y + from.height / 2 + 5, { steps: 3 });
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    await page.mouse.up();
    if (await expect(edges).toHaveCount(before + 1, { timeout: 3000 }).then(() => true, () => false)) return;
  }
  await expect(edges).toHaveCount(before + 1);
}

test('publish from the editor: the error selects its step, fixed, warnings confirmed, version 2 live', async ({ page, prisma, snapshot }) => {
  test.setTimeout(240_000);
  const org = await createEditorOrganization(prisma);
  const flowId = await createFlowWithDraft(prisma, org.organizationId, 'Front desk', brokenFlow(org.calendarId));
  await publishedVersion(prisma, org, flowId, 1, simpleFlow);
  await openEditor(page, org.user, flowId);

  // The toolbar: version 1 is live and the draft differs from it.
  const live = page.getByTestId('live-state');
  await expect(live).toContainText('Live: v1');
  await expect(live).toContainText('Unpublished changes');

  // Publish: the strict validation refuses the unconnected "closed" output, nothing published.
  await toolbar(page).getByRole('button', { name: 'Publish' }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish the draft' });
  await expect(dialog).toContainText('The draft becomes version 2');
  await dialog.getByRole('button', { name: 'Publish' }).click();
  const errors = dialog.getByTestId('publish-errors');
  await expect(errors).toContainText('The draft has errors to fix');
  await expect(errors).toContainText('Output "closed" of node "route"');
  await expect(dialog.getByRole('button', { name: 'Publish', exact: true })).toBeDisabled();
  await snapshot('editor-publish-errors');

  // Clicking the error closes the dialog and selects the failing step.
  await errors.getByRole('button', { name: /Output "closed" of node "route"/ }).click();
  await expect(dialog).toBeHidden();
  await expect(node(page, 'route')).toHaveClass(/selected/);
  await expect(page.getByTestId('node-inspector')).toContainText('route');

  // Fix it, and publish at once with the shortcut: the change is saved first; the step
  // nothing leads to is a warning to confirm.
  await connectOutput(page, 'route', 'closed', 'closedMsg');
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+Shift+P');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Note').fill('Closed message');
  await dialog.getByRole('button', { name: 'Publish' }).click();
  const warnings = dialog.getByTestId('publish-warnings');
  await expect(warnings).toContainText('forgotten');
  await expect(dialog.getByTestId('publish-errors')).toHaveCount(0);
  await dialog.getByLabel('I have reviewed these warnings and want to publish anyway').check();
  await dialog.getByRole('button', { name: 'Publish anyway' }).click();

  await expect(dialog.getByRole('status')).toHaveText('Version 2 published.');
  await expect(live).toContainText('Live: v2');
  await expect(live).not.toContainText('Unpublished changes');
  await snapshot('editor-publish-done');

  // What went live is the fixed draft, saved before publishing.
  const published = await (await page.request.get(`/api/flows/${flowId}/versions/2`)).json();
  expect(published.document.edges).toContainEqual(expect.objectContaining({ source: 'route', sourceOutput: 'closed', target: 'closedMsg' }));
  expect(published.note).toBe('Closed message');

  // The link leads to the history, where version 2 is the live one.
  await dialog.getByRole('link', { name: 'Versions and history' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Versions of Front desk' })).toBeVisible();
  const rows = page.getByTestId('version-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('v2');
  await expect(rows.first()).toContainText('Live');
  await expect(rows.first()).toContainText('Closed message');
});

test('in French: the shortcut opens the publish dialog, errors and toolbar in French', async ({ page, prisma }) => {
  const org = await createEditorOrganization(prisma, { locale: 'fr' });
  const flowId = await createFlowWithDraft(prisma, org.organizationId, 'Accueil', brokenFlow(org.calendarId));
  await openEditor(page, org.user, flowId);

  await expect(page.getByTestId('live-state')).toContainText('Jamais publié');
  await expect(toolbar(page).getByRole('button', { name: 'Publier' })).toHaveAttribute('title', 'Ctrl+Shift+P');

  // The shortcut is listed in the help panel.
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Raccourcis clavier' });
  await expect(help.getByRole('row').filter({ hasText: 'Publier le brouillon' })).toContainText('Ctrl + Shift + P');
  await help.getByRole('button', { name: 'Fermer' }).click();
  await expect(help).toBeHidden();

  await page.keyboard.press('Control+Shift+P');
  const dialog = page.getByRole('dialog', { name: 'Publier le brouillon' });
  await expect(dialog).toContainText('Le brouillon devient la version 1');
  await dialog.getByRole('button', { name: 'Publier' }).click();
  await expect(dialog.getByTestId('publish-errors')).toContainText('Le brouillon contient des erreurs à corriger');
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  await expect(dialog).toBeHidden();
  expect(await prisma.flowVersion.count({ where: { flowId, status: 'published' } })).toBe(0);
});

test('a conflict or an unreachable server publishes nothing and keeps the changes; agents are not offered Publish', async ({ page, prisma }) => {
  const org = await createEditorOrganization(prisma);
  const flowId = await createFlowWithDraft(prisma, org.organizationId, 'Front desk', simpleFlow);
  await openEditor(page, org.user, flowId);
  await expect(page.getByTestId('live-state')).toContainText('Never published');

  // Someone else saves the draft behind the editor's back.
  const draft = await (await page.request.get(`/api/flows/${flowId}/draft`)).json();
  const other = structuredClone(simpleFlow);
  other.nodes[0].label = 'Changed elsewhere';
  expect((await page.request.put(`/api/flows/${flowId}/draft`, { data: { document: other, revision: draft.revision }, headers: { origin: process.env.E2E_BASE_URL! } })).ok()).toBe(true);

  await toolbar(page).getByRole('button', { name: 'Publish' }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish the draft' });
  await dialog.getByRole('button', { name: 'Publish' }).click();
  await expect(dialog.getByTestId('publish-failure')).toHaveText(/changed elsewhere in the meantime: nothing was published/);

  // The server cannot be reached.
  await page.route('**/api/flows/*/publish', (route) => route.abort('internetdisconnected'));
  await dialog.getByRole('button', { name: 'Publish' }).click();
  await expect(dialog.getByTestId('publish-failure')).toHaveText(/cannot be reached: nothing was published and nothing is lost/);
  await page.unroute('**/api/flows/*/publish');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('step-node')).toHaveCount(2);
  expect(await prisma.flowVersion.count({ where: { flowId, status: 'published' } })).toBe(0);

  // An agent opens the same flow read-only: the live state, no Publish, no shortcut.
  await publishedVersion(prisma, org, flowId, 1, simpleFlow);
  const agent = { email: `agent-${Date.now()}@test.relais.local`, password: 'agent-password-1234' };
  await createUserWithPassword(prisma, { organizationId: org.organizationId, email: agent.email, name: 'Agent', role: 'agent', password: agent.password, locale: 'en' });
  await page.context().clearCookies();
  await openEditor(page, agent, flowId);
  await expect(page.getByTestId('live-state')).toContainText('Live: v1');
  await expect(toolbar(page).getByRole('button', { name: 'Publish' })).toHaveCount(0);
  // The shortcut does nothing: "?" right after opens the help (it would not over an open dialog).
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Publish the draft' })).toHaveCount(0);
});
