// The editor's Simulator panel (issue 17): "Try" opens it (toolbar, Ctrl+Shift+Enter, T), the
// call is set up (date and time, each agent's status), started on the unsaved draft, driven
// with keys typed on the keyboard, and its path lights up on the canvas (current step, visit
// numbers, outputs taken); an ended call is saved as a test case of the draft. In French: a
// hidden caller, an HTTP step answered in the panel, the keypad's buttons, stay silent, hang up.
import type { Page } from '@playwright/test';
import { createEditorOrganization, createFlowWithDraft } from './editor-support/editor-data';
import { expect, test } from './support/fixtures';

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"] [data-testid="step-node"]`);
const edge = (page: Page, id: string) => page.locator(`.react-flow__edge[data-id="${id}"]`);
const tts = (text: string) => ({ kind: 'tts', text: { en: text, fr: text } });

/** welcome → office hours → (open) menu: 1 sales, 2 support → voicemail when nobody answers; (closed) closed message → bye. */
function receptionFlow(calendarId: string, salesId: string, supportId: string) {
  return {
    schemaVersion: 1,
    name: 'Reception',
    language: 'en',
    entry: 'welcome',
    nodes: [
      { id: 'welcome', type: 'message', position: { x: 0, y: 0 }, label: 'Welcome', config: { prompt: tts('Welcome to Relais.') } },
      { id: 'hours', type: 'hours', position: { x: 300, y: 0 }, label: 'Office hours', config: { calendarId } },
      { id: 'menu', type: 'menu', position: { x: 600, y: -120 }, label: 'Menu', config: { prompt: tts('For sales press 1, for support press 2.'), keys: [{ key: '1', label: 'Sales' }, { key: '2', label: 'Support' }], timeoutSeconds: 5, retries: 1 } },
      { id: 'sales', type: 'queue-group', position: { x: 900, y: -220 }, label: 'Sales', config: { groupId: salesId, strategy: 'simultaneous', ringTimeSeconds: 20 } },
      { id: 'support', type: 'queue-group', position: { x: 900, y: 0 }, label: 'Support', config: { groupId: supportId, strategy: 'simultaneous', ringTimeSeconds: 20 } },
      { id: 'voicemail', type: 'voicemail', position: { x: 1200, y: -120 }, label: 'Voicemail', config: { greeting: tts('Please leave a message.'), mailbox: { kind: 'group', groupId: salesId } } },
      { id: 'closed', type: 'message', position: { x: 600, y: 200 }, label: 'Closed', config: { prompt: tts('We are closed.') } },
      { id: 'bye', type: 'hangup', position: { x: 900, y: 240 }, label: 'Bye', config: {} },
    ],
    edges: [
      { id: 'e1', source: 'welcome', sourceOutput: 'next', target: 'hours' },
      { id: 'e2', source: 'hours', sourceOutput: 'open', target: 'menu' },
      { id: 'e3', source: 'hours', sourceOutput: 'closed', target: 'closed' },
      { id: 'e4', source: 'menu', sourceOutput: '1', target: 'sales' },
      { id: 'e5', source: 'menu', sourceOutput: '2', target: 'support' },
      { id: 'e6', source: 'menu', sourceOutput: 'timeout', target: 'bye' },
      { id: 'e7', source: 'sales', sourceOutput: 'no_answer', target: 'voicemail' },
      { id: 'e8', source: 'support', sourceOutput: 'no_answer', target: 'voicemail' },
      { id: 'e9', source: 'closed', sourceOutput: 'next', target: 'bye' },
    ],
  };
}

/** An HTTP lookup of the caller; a gold customer hears a VIP message. */
const lookupFlow = {
  schemaVersion: 1,
  name: 'Lookup',
  language: 'fr',
  entry: 'lookup',
  nodes: [
    {
      id: 'lookup',
      type: 'http-request',
      position: { x: 0, y: 0 },
      label: 'CRM',
      config: { method: 'GET', url: 'https://crm.example.com/customers?phone={{caller}}', headers: [{ name: 'Authorization', value: 'Bearer s3cret', secret: true }], timeoutSeconds: 3, responseMappings: [{ pointer: '/tier', variable: 'tier' }] },
    },
    { id: 'route', type: 'condition', position: { x: 300, y: 0 }, label: 'Client VIP ?', config: { branches: [{ id: 'vip', label: 'VIP', expression: 'tier == "gold"' }] } },
    { id: 'vip', type: 'menu', position: { x: 600, y: -100 }, label: 'Menu VIP', config: { prompt: tts('Bonjour, tapez 1 pour votre conseiller.'), keys: [{ key: '1', label: 'Conseiller' }], timeoutSeconds: 5, retries: 0 } },
    { id: 'bye', type: 'hangup', position: { x: 900, y: 60 }, label: 'Au revoir', config: { prompt: tts('Au revoir.') } },
  ],
  edges: [
    { id: 'e1', source: 'lookup', sourceOutput: 'success', target: 'route' },
    { id: 'e2', source: 'lookup', sourceOutput: 'error', target: 'bye' },
    { id: 'e3', source: 'route', sourceOutput: 'vip', target: 'vip' },
    { id: 'e4', source: 'route', sourceOutput: 'else', target: 'bye' },
    { id: 'e5', source: 'vip', sourceOutput: '1', target: 'bye' },
    { id: 'e6', source: 'vip', sourceOutput: 'timeout', target: 'bye' },
  ],
};

async function openEditor(page: Page, user: { email: string; password: string }, flowId: string) {
  await page.goto('/sign-in');
  await page.locator('input[name="email"]').fill(user.email);
  await page.locator('input[name="password"]').fill(user.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(/\/(flows|agent)$/);
  await page.goto(`/flows/${flowId}/edit`);
  await expect(page.getByTestId('step-node').first()).toBeVisible({ timeout: 60_000 });
}

test('try the draft: set up, keys typed, the path on the canvas, saved as a test case', async ({ page, prisma, snapshot }) => {
  test.setTimeout(240_000);
  const org = await createEditorOrganization(prisma);
  const [alice, bruno] = await Promise.all(
    ['Alice', 'Bruno'].map((name) => prisma.agent.create({ data: { organizationId: org.organizationId, name, sipUsername: `${name.toLowerCase()}-${org.organizationId}`, sipRealm: 'relais.test', sipHa1: '0'.repeat(32) } })),
  );
  await prisma.groupMember.createMany({ data: [alice, bruno].map((a, i) => ({ groupId: org.groupIds[0], agentId: a.id, position: i })) });
  await prisma.phoneNumber.create({ data: { organizationId: org.organizationId, e164: `+3319${String(Date.now()).slice(-7)}`, label: 'Front desk' } });
  const flowId = await createFlowWithDraft(prisma, org.organizationId, 'Reception', receptionFlow(org.calendarId, org.groupIds[0], org.groupIds[1]));
  await openEditor(page, org.user, flowId);

  // The toolbar's "Try" opens the panel in place of the inspector; the directory is loaded.
  const tryButton = page.getByRole('toolbar', { name: 'Editor tools' }).getByRole('button', { name: 'Try' });
  await expect(tryButton).toHaveAttribute('aria-keyshortcuts', 'Control+Shift+Enter T');
  await tryButton.click();
  const panel = page.getByRole('complementary', { name: 'Simulator' });
  await expect(panel).toBeVisible();
  await expect(tryButton).toHaveAttribute('aria-pressed', 'true');
  await expect(panel.getByTestId('sim-status')).toHaveText('Ready: set up the call, then Start');
  await expect(panel.getByRole('row', { name: /Alice/ })).toContainText('Offline');

  // A Monday at 10:00 (open), Alice available.
  await panel.getByLabel('Date and time').fill('2026-12-07T10:00');
  await panel.getByLabel('Time zone').fill('Europe/Paris');
  await panel.getByLabel('Set each agent\'s status').check();
  await panel.getByLabel('Status of Alice').selectOption('available');
  await panel.getByLabel('Status of Bruno').selectOption('busy');
  await snapshot('simulator-setup');
  await panel.getByRole('button', { name: 'Start the call' }).click();

  // The call waits in the menu: welcome (1) → hours (2) → menu (current).
  await expect(panel.getByTestId('sim-status')).toHaveText('Waiting for the caller: type keys, stay silent or hang up');
  await expect(panel.getByTestId('sim-summary')).toContainText(/Monday, December 7, 2026 10:00 \(Europe\/Paris\)/);
  await expect(node(page, 'menu')).toHaveAttribute('data-sim', 'current');
  await expect(node(page, 'welcome')).toHaveAttribute('data-sim', 'visited');
  await expect(node(page, 'welcome').getByTestId('sim-order')).toHaveText(/^1/);
  await expect(node(page, 'hours').getByTestId('sim-order')).toHaveText(/^2/);
  await expect(node(page, 'closed')).not.toHaveAttribute('data-sim', /.+/);
  await expect(edge(page, 'e2')).toHaveClass(/edge-taken/);
  await expect(edge(page, 'e3')).not.toHaveClass(/edge-taken/);
  await expect(node(page, 'hours').locator('[data-output="open"]')).toHaveAttribute('data-mark', 'taken');
  const transcript = panel.getByTestId('sim-transcript');
  await expect(transcript).toContainText('« Welcome to Relais. »');
  await expect(transcript).toContainText('« For sales press 1, for support press 2. »');
  await expect(transcript.getByRole('button', { name: /Listen: Welcome to Relais\./ })).toBeVisible();
  await snapshot('simulator-waiting');

  // "1" typed on the keyboard while the panel has focus: Sales rings Alice, who answers.
  await expect(panel).toBeFocused();
  await page.keyboard.press('1');
  await expect(panel.getByTestId('sim-status')).toHaveText('Call ended');
  await expect(transcript).toContainText('Typed 1');
  await expect(transcript).toContainText('Ringing Alice');
  await expect(transcript).toContainText('Talking with Alice');
  const end = panel.getByTestId('sim-end');
  await expect(end).toContainText('Ended at “Sales”.');
  await expect(end).toContainText('Answered by an agent');
  await expect(node(page, 'sales')).toHaveAttribute('data-sim', 'current');
  await expect(edge(page, 'e4')).toHaveClass(/edge-taken/);
  await expect(panel.getByTestId('sim-keypad').getByRole('button', { name: 'Key 1' })).toBeDisabled();
  await panel.getByText(/Record as it would be stored/).click();
  await expect(panel.getByTestId('sim-path')).toContainText('node-entered');

  // Saved as a test case of the draft: the name is required, then it is autosaved.
  const save = panel.getByRole('form', { name: 'Save as test case' });
  await save.getByRole('button', { name: 'Save as test case' }).click();
  await expect(save.getByText('Give the case a name')).toBeVisible();
  await save.getByLabel('Name of the case').fill('Weekday, key 1, Alice answers');
  await save.getByRole('button', { name: 'Save as test case' }).click();
  await expect(save.getByRole('status')).toContainText('“Weekday, key 1, Alice answers” added');
  await snapshot('simulator-ended');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-status', 'saved', { timeout: 30_000 });
  const draft = (await (await page.request.get(`/api/flows/${flowId}/draft`)).json()) as { document: { tests?: { name: string; input: { actions: unknown[] }; expect: { endNodeId: string; outcome: string } }[] } };
  expect(draft.document.tests).toHaveLength(1);
  expect(draft.document.tests![0]).toMatchObject({ name: 'Weekday, key 1, Alice answers', input: { actions: [{ kind: 'dtmf', digits: '1' }] }, expect: { endNodeId: 'sales', outcome: 'answered' } });

  // A new set-up: Sunday, the closed path; the previous path leaves the canvas.
  await panel.getByRole('button', { name: 'New set-up' }).click();
  await expect(node(page, 'sales')).not.toHaveAttribute('data-sim', /.+/);
  await panel.getByLabel('Date and time').fill('2026-12-06T10:00');
  await panel.getByRole('button', { name: 'Start the call' }).click();
  await expect(panel.getByTestId('sim-status')).toHaveText('Call ended');
  await expect(panel.getByTestId('sim-end')).toContainText('Ended at “Bye”.');
  await expect(node(page, 'closed')).toHaveAttribute('data-sim', 'visited');
  await expect(node(page, 'menu')).not.toHaveAttribute('data-sim', /.+/);
  await expect(edge(page, 'e3')).toHaveClass(/edge-taken/);
  await snapshot('simulator-closed');

  // The unsaved draft runs: key 1 now leads to support (nobody there → voicemail), no save needed.
  await page.getByRole('button', { name: 'Close the simulator' }).click();
  await expect(panel).toBeHidden();
  await expect(node(page, 'closed')).not.toHaveAttribute('data-sim', /.+/);
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('t');
  await expect(panel).toBeVisible();
  await page.keyboard.press('Control+Shift+Enter');
  await expect(panel).toBeHidden();
  await page.keyboard.press('Control+Shift+Enter');
  await expect(panel).toBeVisible();
});

test('in French: hidden caller, an HTTP step answered in the panel, keypad, silence, hang up', async ({ page, prisma, snapshot }) => {
  test.setTimeout(180_000);
  const org = await createEditorOrganization(prisma, { locale: 'fr' });
  const flowId = await createFlowWithDraft(prisma, org.organizationId, 'Lookup', lookupFlow);
  await openEditor(page, org.user, flowId);

  await page.getByRole('toolbar', { name: /Outils de l’éditeur/ }).getByRole('button', { name: 'Essayer' }).click();
  const panel = page.getByRole('complementary', { name: 'Simulateur' });
  await expect(panel.getByTestId('sim-status')).toHaveText('Prêt : préparez l\'appel, puis Démarrer');
  // The caller's number is checked (the field is named), then hidden.
  await panel.getByLabel('Numéro de l\'appelant').fill('abc');
  await panel.getByRole('button', { name: 'Démarrer l\'appel' }).click();
  await expect(panel.getByText('Non valide')).toBeVisible();
  await panel.getByLabel('Numéro masqué').check();
  await panel.getByRole('button', { name: 'Démarrer l\'appel' }).click();

  // The HTTP step waits for the panel: the request is shown (secret masked), answered typed.
  await expect(panel.getByTestId('sim-status')).toHaveText('L\'appel attend une réponse HTTP');
  const http = panel.getByTestId('sim-http');
  await expect(http).toContainText('GET https://crm.example.com/customers?phone=');
  await expect(http).toContainText('Authorization: ••••');
  await expect(http).not.toContainText('s3cret');
  await http.getByLabel('Statut').fill('200');
  await http.getByLabel('Corps').fill('{"tier":"gold"}');
  await snapshot('simulator-http-fr');
  await http.getByRole('button', { name: 'Répondre ainsi' }).click();

  await expect(panel.getByTestId('sim-status')).toHaveText('En attente de l\'appelant : tapez des touches, restez silencieux ou raccrochez');
  await expect(node(page, 'vip')).toHaveAttribute('data-sim', 'current');
  await expect(panel.getByTestId('sim-variables')).toContainText('tier');
  await expect(panel.getByTestId('sim-variables')).toContainText('gold');
  await expect(panel.getByTestId('sim-transcript')).toContainText('Réponse 200');

  // Stay silent: the menu's timeout (retries 0) → bye.
  await panel.getByRole('button', { name: 'Rester silencieux' }).click();
  await expect(panel.getByTestId('sim-status')).toHaveText('Appel terminé');
  await expect(panel.getByTestId('sim-transcript')).toContainText('Silence');
  await expect(panel.getByTestId('sim-end')).toContainText('Terminé à « Au revoir ».');

  // Restart (same set-up, answered again), then press the keypad's 1 and hang up before the end.
  await panel.getByRole('button', { name: 'Recommencer' }).click();
  await panel.getByTestId('sim-http').getByLabel('Corps').fill('{"tier":"gold"}');
  await panel.getByTestId('sim-http').getByRole('button', { name: 'Répondre ainsi' }).click();
  await expect(node(page, 'vip')).toHaveAttribute('data-sim', 'current');
  await panel.getByRole('button', { name: 'Raccrocher' }).click();
  await expect(panel.getByTestId('sim-status')).toHaveText('Appel terminé');
  await expect(panel.getByTestId('sim-transcript')).toContainText('L\'appelant raccroche');
  await expect(panel.getByTestId('sim-end')).toContainText('L\'appelant a raccroché');
  await snapshot('simulator-ended-fr');
});
