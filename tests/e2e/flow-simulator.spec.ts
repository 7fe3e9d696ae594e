// Issue 17's scenario, in the browser: a flow hours → menu → groups; the simulator runs it on a
// holiday (closed path) and on a weekday pressing 2 with nobody answering (voicemail path); both
// runs are saved as test cases, which pass on save; the menu's key 2 is disconnected: on the
// next save the case fails (in words, the toolbar's Tests button turns red) and publishing is
// blocked until the failing case is acknowledged. Screenshots: test-results/screenshots/flow-simulator-*.png
import type { Locator, Page } from '@playwright/test';
import { createEditorOrganization, createFlowWithDraft, type EditorData } from './editor-support/editor-data';
import { waitForViewportToSettle } from './editor-support/canvas';
import { expect, test } from './support/fixtures';

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"] [data-testid="step-node"]`);
const toolbar = (page: Page) => page.getByRole('toolbar', { name: /Editor tools|Outils de l’éditeur/ });
const tts = (text: string) => ({ kind: 'tts', text: { en: text } });

/** welcome → hours; open → menu (1 sales, 2 support; no answer → voicemail); closed → "We are closed" → bye. */
function frontDesk(org: EditorData) {
  const [sales, support] = org.groupIds;
  return {
    schemaVersion: 1,
    name: 'Front desk',
    language: 'en',
    entry: 'welcome',
    nodes: [
      { id: 'welcome', type: 'message', position: { x: 0, y: 120 }, label: 'Welcome', config: { prompt: tts('Hello and welcome.') } },
      { id: 'hours', type: 'hours', position: { x: 300, y: 120 }, label: 'Office hours', config: { calendarId: org.calendarId } },
      { id: 'menu', type: 'menu', position: { x: 600, y: 0 }, label: 'Menu', config: { prompt: tts('For sales, press 1. For support, press 2.'), keys: [{ key: '1', label: 'Sales' }, { key: '2', label: 'Support' }], timeoutSeconds: 5, retries: 2 } },
      { id: 'sales', type: 'queue-group', position: { x: 900, y: -120 }, label: 'Sales', config: { groupId: sales, strategy: 'simultaneous' } },
      { id: 'support', type: 'queue-group', position: { x: 900, y: 100 }, label: 'Support', config: { groupId: support, strategy: 'cascade' } },
      { id: 'voicemail', type: 'voicemail', position: { x: 1200, y: 100 }, label: 'Voicemail', config: { mailbox: { kind: 'group', groupId: support }, greeting: tts('Please leave a message after the beep.') } },
      { id: 'closed', type: 'message', position: { x: 600, y: 320 }, label: 'Closed', config: { prompt: tts('We are closed. Please call back on a working day.') } },
      { id: 'bye', type: 'hangup', position: { x: 900, y: 340 }, label: 'Bye', config: {} },
    ],
    edges: [
      { id: 'e-welcome', source: 'welcome', sourceOutput: 'next', target: 'hours' },
      { id: 'e-open', source: 'hours', sourceOutput: 'open', target: 'menu' },
      { id: 'e-closed', source: 'hours', sourceOutput: 'closed', target: 'closed' },
      { id: 'e-sales', source: 'menu', sourceOutput: '1', target: 'sales' },
      { id: 'e-support', source: 'menu', sourceOutput: '2', target: 'support' },
      { id: 'e-timeout', source: 'menu', sourceOutput: 'timeout', target: 'voicemail' },
      { id: 'e-sales-vm', source: 'sales', sourceOutput: 'no_answer', target: 'voicemail' },
      { id: 'e-support-vm', source: 'support', sourceOutput: 'no_answer', target: 'voicemail' },
      { id: 'e-bye', source: 'closed', sourceOutput: 'next', target: 'bye' },
    ],
  };
}

async function openEditor(page: Page, user: { email: string; password: string }, flowId: string) {
  await page.goto('/sign-in');
  await page.locator('input[name="email"]').fill(user.email);
  await page.locator('input[name="password"]').fill(user.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(/\/flows$/);
  await page.goto(`/flows/${flowId}/edit`);
  await expect(page.getByTestId('step-node').first()).toBeVisible({ timeout: 60_000 });
}

/** Sets the call up (date and time in Paris; optionally Alice available and nobody answering) and starts it. */
async function startCall(sim: Locator, at: string, options: { nobodyAnswers?: boolean } = {}) {
  const called = sim.getByLabel('Number called');
  if ((await called.evaluate((el) => el.tagName)) === 'INPUT') await called.fill('+33142000000');
  await sim.getByLabel('Date and time').fill(at);
  await sim.getByLabel('Time zone').fill('Europe/Paris');
  if (options.nobodyAnswers) {
    await sim.getByLabel("Set each agent's status").check();
    await sim.getByLabel('Status of Alice').selectOption('available');
    await sim.getByLabel('Who answers when phones ring').selectOption('nobody');
  }
  await sim.getByTestId('sim-start').click();
}

/** Stays silent until the call ends (the voicemail records until its time-out), at most 10 times. */
async function silentUntilEnded(sim: Locator) {
  const end = sim.getByTestId('sim-end');
  const silent = sim.getByRole('button', { name: 'Stay silent' });
  for (let i = 0; i < 10; i++) {
    // The call either ended or waits for the caller again.
    await expect.poll(async () => (await end.isVisible()) || (await silent.isEnabled()), { timeout: 30_000 }).toBe(true);
    if (await end.isVisible()) return;
    await silent.click();
  }
  await expect(end).toBeVisible();
}

async function saveAsCase(sim: Locator, name: string) {
  await sim.getByLabel('Name of the case').fill(name);
  await sim.getByRole('button', { name: 'Save as test case' }).click();
  await expect(sim).toContainText(`“${name}” added to the draft's test cases`);
}

test('simulate a holiday and a weekday, save both as cases; key 2 disconnected: the case fails on save and blocks publishing', async ({ page, prisma, snapshot }) => {
  test.setTimeout(360_000);
  const org = await createEditorOrganization(prisma);
  // Open Monday to Friday 9:00–18:00 (the calendar applies French public holidays).
  await prisma.calendarRange.createMany({ data: [2, 3, 4, 5].map((weekday) => ({ calendarId: org.calendarId, weekday, startMinute: 540, endMinute: 1080 })) });
  const alice = await prisma.agent.create({ data: { organizationId: org.organizationId, name: 'Alice', sipUsername: `alice-${org.organizationId}`, sipRealm: 'relais.test', sipHa1: '0'.repeat(32) } });
  await prisma.groupMember.create({ data: { groupId: org.groupIds[1], agentId: alice.id, position: 0 } });
  const flowId = await createFlowWithDraft(prisma, org.organizationId, 'Front desk', frontDesk(org));
  await openEditor(page, org.user, flowId);
  await expect(toolbar(page).getByTestId('tests-button')).toHaveText('Tests (0)');

  // 1. Christmas day, 10:00: the holiday closes the office → the "Closed" message, then bye.
  await toolbar(page).getByRole('button', { name: /Try/ }).click();
  const sim = page.getByTestId('simulator-panel');
  await expect(sim).toBeVisible();
  await startCall(sim, '2026-12-25T10:00');
  await silentUntilEnded(sim);
  await expect(sim.getByTestId('sim-end')).toHaveAttribute('data-end-node', 'bye');
  await expect(sim.getByTestId('sim-transcript')).toContainText('We are closed');
  await expect(node(page, 'closed')).toHaveAttribute('data-sim', /visited|current/);
  await expect(node(page, 'menu')).not.toHaveAttribute('data-sim', /.+/);
  await snapshot('flow-simulator-holiday');
  await saveAsCase(sim, 'Christmas: closed');

  // 2. Tuesday 22 December, 10:00, Alice available but nobody answers: key 2 → Support → voicemail.
  await sim.getByRole('button', { name: 'New set-up' }).click();
  await startCall(sim, '2026-12-22T10:00', { nobodyAnswers: true });
  await expect(sim.getByTestId('sim-status')).toContainText('Waiting for the caller');
  await sim.getByRole('button', { name: 'Key 2' }).click();
  await silentUntilEnded(sim);
  await expect(sim.getByTestId('sim-end')).toHaveAttribute('data-end-node', 'voicemail');
  await expect(sim.getByTestId('sim-end')).toHaveAttribute('data-outcome', 'no_answer');
  await expect(node(page, 'support')).toHaveAttribute('data-sim', 'visited');
  await snapshot('flow-simulator-weekday-voicemail');
  await saveAsCase(sim, 'Weekday: support, nobody answers');

  // Both cases are saved with the draft and run after the save: 2/2 pass.
  const testsButton = toolbar(page).getByTestId('tests-button');
  await expect(testsButton).toHaveText('Tests (2)');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-status', 'saved', { timeout: 30_000 });
  await expect(testsButton).toHaveAttribute('data-state', 'passing', { timeout: 60_000 });
  await testsButton.click();
  const panel = page.getByTestId('tests-panel');
  await expect(panel.getByTestId('tests-summary')).toContainText('2/2 pass');
  await expect(panel.getByTestId('test-case')).toHaveCount(2);
  await expect(panel.locator('[data-testid="test-case"][data-state="passed"]')).toHaveCount(2);
  await expect(panel.getByTestId('tests-coverage')).toContainText(/Coverage \d+ %/);
  // The draft in the database holds them (saved, so exported and published with the flow).
  const draft = await prisma.flowVersion.findFirstOrThrow({ where: { flowId, status: 'draft' } });
  expect(((draft.document as { tests?: { name: string }[] }).tests ?? []).map((c) => c.name)).toEqual(['Christmas: closed', 'Weekday: support, nobody answers']);

  // Coverage on the canvas: Sales is reached by no case, Support and Closed are.
  await panel.getByLabel('Show the coverage on the canvas').check();
  await expect(node(page, 'sales')).toHaveAttribute('data-coverage', 'uncovered');
  await expect(node(page, 'support')).toHaveAttribute('data-coverage', 'covered');
  await expect(node(page, 'closed')).toHaveAttribute('data-coverage', 'covered');
  await expect(page.locator('[data-testid="rf__edge-e-sales"]')).toHaveClass(/edge-uncovered/);
  await snapshot('flow-simulator-cases-coverage');

  // 3. Break the flow: disconnect the menu's key 2 (select the connection, Delete).
  await waitForViewportToSettle(page);
  await page.locator('[data-testid="rf__edge-e-support"] .react-flow__edge-interaction').click({ force: true });
  await expect(page.locator('[data-testid="rf__edge-e-support"]')).toHaveClass(/selected/);
  await page.keyboard.press('Delete');
  await expect(page.locator('[data-testid="rf__edge-e-support"]')).toHaveCount(0);

  // Saved → the cases run again: the weekday case fails, said in words; the button turns red.
  await expect(testsButton).toHaveAttribute('data-state', 'failing', { timeout: 60_000 });
  const failing = panel.locator('[data-testid="test-case"][data-state="failed"]');
  await expect(failing).toHaveCount(1);
  await expect(failing).toContainText('Weekday: support, nobody answers');
  await expect(failing.getByTestId('test-mismatches')).toContainText('Expected to end at “Voicemail”, ended at “Menu”.');
  await expect(panel.locator('[data-testid="test-case"][data-state="passed"]')).toContainText('Christmas: closed');
  await expect(panel.getByTestId('tests-summary')).toContainText('1/2 pass');
  await snapshot('flow-simulator-case-fails');

  // 4. Publish: "1/2 test cases pass"; the server runs the cases and refuses (409 TESTS_FAILING)
  // until the failing case is acknowledged — warnings (if any) are confirmed first.
  await toolbar(page).getByRole('button', { name: 'Publish' }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish the draft' });
  await expect(dialog.getByTestId('publish-tests-summary')).toContainText(/1\/2 test cases pass, coverage \d+ %/);
  await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
  const failingTests = dialog.getByTestId('publish-failing-tests');
  const warnings = dialog.getByTestId('publish-warnings');
  await expect(failingTests.or(warnings)).toBeVisible({ timeout: 60_000 });
  if (await warnings.isVisible()) {
    await warnings.getByRole('checkbox').check();
    await dialog.getByRole('button', { name: 'Publish anyway' }).click();
  }
  await expect(failingTests).toBeVisible({ timeout: 60_000 });
  await expect(failingTests).toContainText('Weekday: support, nobody answers');
  await expect(failingTests).toContainText('Expected to end at “Voicemail”, ended at “Menu”.');
  expect(await prisma.flowVersion.count({ where: { flowId, status: 'published' } })).toBe(0);
  // Without the box ticked, "Publish anyway" still publishes nothing.
  await dialog.getByRole('button', { name: 'Publish anyway' }).click();
  await expect(dialog.getByTestId('publish-failure')).toContainText('Tick the box to publish although test cases fail.');
  await snapshot('flow-simulator-publish-blocked');
  expect(await prisma.flowVersion.count({ where: { flowId, status: 'published' } })).toBe(0);

  // Acknowledged: version 1 is published, with the server's figures.
  await failingTests.getByRole('checkbox').check();
  await dialog.getByRole('button', { name: 'Publish anyway' }).click();
  await expect(dialog.getByTestId('publish-done')).toContainText('Version 1 published');
  await expect(dialog.getByTestId('publish-tests-result')).toContainText('Test cases: 1 pass, 1 fail');
  await snapshot('flow-simulator-published-acknowledged');
  const published = await prisma.flowVersion.findFirstOrThrow({ where: { flowId, status: 'published' } });
  expect(((published.document as { tests?: unknown[] }).tests ?? []).length).toBe(2);
});
