// Calls on the flow canvas (issue 15 items 3 and 4) with real parts: the admin server started by
// global-setup.ts, a call runtime in this process on the SAME database (tests/calls/support.ts, as
// tests/e2e/agent-console.spec.ts does), and a SIPp caller.
//   1. Live: a supervisor opens the flow in the editor ("No call in this flow now"); a SIPp caller
//      calls the number and sits in the menu: the menu's badge shows 1 within one second of the
//      runtime entering the node (measured: node-entered time in the runtime → badge in the DOM,
//      printed); a reload during the call shows it again (`sync`); then the caller hangs up (BYE)
//      and the badge goes within one second of the end (measured, printed).
//   2. Statistics: seeded calls and their CallEvent rows of today; the toggle (from the keyboard),
//      the figures on the nodes, the edges and in the table; "Yesterday" is empty; French; the
//      version's page shows that version's statistics at once. Screenshots:
//      test-results/screenshots/flow-stats-*.png, flow-live-*.png.
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { runSipp, sippOk } from '@/tests/sip-edge/helpers';
import { ack, inDialogRequest, scenario } from '@/tests/sip-edge/scenarios';
import { callerInvite, eventually, publishFlow, startRuntime, tts, type Runtime } from '@/tests/calls/support';
import { createUser } from '@/tests/support/factories';
import { expect, test } from './support/fixtures';

let rt: Runtime;

test.beforeAll(async () => {
  const databaseUrl = process.env.E2E_DATABASE_URL;
  if (!databaseUrl) throw new Error('E2E_DATABASE_URL is not set: run through playwright.config.ts');
  // The runtime on the admin's database (no new database, none dropped at the end).
  rt = await startRuntime({ databaseName: new URL(databaseUrl).pathname.slice(1), keepDatabase: true });
});

test.afterAll(async () => {
  await rt?.stop();
});

//   welcome(message) ─next─▶ menu(menu) ─1─▶ sales(hangup)
//                              └─timeout / invalid─▶ bye(hangup)
function flowDoc(name: string, menuTimeoutSeconds = 5) {
  return {
    schemaVersion: 1, name, language: 'fr', entry: 'welcome',
    nodes: [
      { id: 'welcome', type: 'message', label: 'Bienvenue', position: { x: 0, y: 80 }, config: { prompt: tts('Bonjour.') } },
      { id: 'menu', type: 'menu', label: 'Menu principal', position: { x: 320, y: 60 }, config: { prompt: tts('Pour les ventes, tapez 1.'), keys: [{ key: '1', label: 'Ventes' }], timeoutSeconds: menuTimeoutSeconds, retries: 0 } },
      { id: 'sales', type: 'hangup', label: 'Ventes', position: { x: 680, y: 0 }, config: {} },
      { id: 'bye', type: 'hangup', label: 'Au revoir', position: { x: 680, y: 200 }, config: {} },
    ],
    edges: [
      { id: 'e-welcome', source: 'welcome', sourceOutput: 'next', target: 'menu' },
      { id: 'e-sales', source: 'menu', sourceOutput: '1', target: 'sales' },
      { id: 'e-timeout', source: 'menu', sourceOutput: 'timeout', target: 'bye' },
      { id: 'e-invalid', source: 'menu', sourceOutput: 'invalid', target: 'bye' },
    ],
  };
}

/** The flow's draft (the editor opens it), the same document as the published version. */
async function createDraft(flowId: string, document: object) {
  await rt.prisma.flowVersion.create({ data: { organizationId: rt.organizationId, flowId, status: 'draft', document } });
}

/** Records in the page when the badge of `nodeId` first shows `count` and when it is gone afterwards (Date.now(), same clock as the runtime's). */
async function watchBadge(page: Page, nodeId: string, count: string) {
  await page.evaluate(
    ({ nodeId, count }) => {
      const w = window as unknown as { badgeShownAt?: number; badgeGoneAt?: number };
      const selector = `[data-node-id="${nodeId}"] [data-testid="node-live-count"]`;
      const check = () => {
        const badge = document.querySelector(selector);
        const now = Date.now();
        if (!w.badgeShownAt && badge && badge.textContent?.includes(count)) w.badgeShownAt = now;
        if (w.badgeShownAt && !w.badgeGoneAt && !badge) w.badgeGoneAt = now;
      };
      new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
      check();
    },
    { nodeId, count },
  );
}

test('live calls on the canvas: a SIPp caller in the menu shows as 1 on that node within a second, and goes when he hangs up', async ({ page, signIn, snapshot }) => {
  test.setTimeout(120_000);
  const number = `+331990${randomBytes(2).readUInt16BE() % 10000}`.padEnd(12, '0');
  const document = flowDoc('Accueil en direct', 60);
  const { flowId, versionId } = await publishFlow(rt, number, document);
  await createDraft(flowId, document);
  const supervisor = await createUser(rt.prisma, rt.organizationId, 'supervisor', 'en');

  await signIn(supervisor);
  await page.goto(`/flows/${flowId}/edit`);
  await expect(page.getByTestId('live-summary')).toHaveText('No call in this flow now');
  await expect(page.locator('[data-testid="node-live-count"]')).toHaveCount(0);
  await watchBadge(page, 'menu', '1');

  // The caller: answered, listens to the welcome, then sits in the menu (60 s timeout) and hangs up 12 s after the answer.
  const caller = runSipp(scenario(
    callerInvite(number),
    '<recv response="100" optional="true"/>',
    '<recv response="180" optional="true"/>',
    '<recv response="183" optional="true"/>',
    '<recv response="200" rrs="true"/>',
    ack,
    '<pause milliseconds="12000"/>',
    inDialogRequest('BYE', 2),
    '<recv response="200" crlf="true"/>',
  ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 60 });

  const menuBadge = page.locator('[data-node-id="menu"] [data-testid="node-live-count"]');
  await expect(menuBadge).toContainText('1', { timeout: 20_000 });
  await expect(page.getByTestId('live-summary')).toHaveText('1 call in this flow now');
  await expect(page.locator('[data-node-id="welcome"] [data-testid="node-live-count"]')).toHaveCount(0);
  // When the runtime entered the menu (its clock: the call's CallEvent row, written by the outbox).
  const entered = await eventually(async () => {
    const call = await rt.prisma.call.findFirst({ where: { flowVersionId: versionId }, orderBy: { startedAt: 'desc' }, select: { id: true } });
    return call ? rt.prisma.callEvent.findFirst({ where: { callId: call.id, kind: 'node-entered', nodeId: 'menu' }, select: { at: true, callId: true } }) : null;
  }, 'the menu entered', 15_000);
  const shownAt = await page.evaluate(() => (window as unknown as { badgeShownAt?: number }).badgeShownAt);
  expect(shownAt, 'the badge was seen by the page').toBeTruthy();
  const shownLatency = shownAt! - entered.at.getTime();
  console.log(`flow-live: node entered → badge "1" on the canvas: ${shownLatency} ms`);
  expect(shownLatency).toBeGreaterThanOrEqual(0);
  expect(shownLatency).toBeLessThan(1000);
  await snapshot('flow-live-en-in-menu');

  // A page opened while the call is in progress gets it from `sync`.
  await page.reload();
  await expect(menuBadge).toContainText('1');
  await watchBadge(page, 'menu', '1');

  // The caller hangs up: the badge goes.
  expect(sippOk(await caller.done)).toBe('ok');
  await expect(menuBadge).toHaveCount(0, { timeout: 10_000 });
  await expect(page.getByTestId('live-summary')).toHaveText('No call in this flow now');
  const ended = await eventually(() => rt.prisma.call.findFirst({ where: { id: entered.callId, endedAt: { not: null } }, select: { endedAt: true } }), 'the call ended', 15_000);
  const goneAt = await page.evaluate(() => (window as unknown as { badgeGoneAt?: number }).badgeGoneAt);
  expect(goneAt, 'the badge went').toBeTruthy();
  const goneLatency = goneAt! - ended.endedAt!.getTime();
  console.log(`flow-live: caller hung up (call ended) → badge gone: ${goneLatency} ms`);
  expect(goneLatency).toBeLessThan(1000);
});

test('statistics on the canvas: the funnel of seeded calls on nodes, edges and as a table, an empty period, French, a version’s page', async ({ page, signIn, snapshot }) => {
  test.setTimeout(90_000);
  const number = `+331991${randomBytes(2).readUInt16BE() % 10000}`.padEnd(12, '0');
  const document = flowDoc('Accueil statistiques');
  const { flowId, versionId } = await publishFlow(rt, number, document);
  await createDraft(flowId, document);
  const supervisor = await createUser(rt.prisma, rt.organizationId, 'supervisor', 'en');

  // Four calls of today: two pressed 1, one let the menu time out, one hung up in the welcome message.
  const startedAt = new Date(Date.now() - 2 * 3600_000);
  const call = (i: number, steps: [string, string, string?][], end: { outcome: 'abandoned' | null; endNodeId: string }) =>
    rt.prisma.call.create({
      data: {
        organizationId: rt.organizationId, sipCallId: `stats-${i}-${randomBytes(3).toString('hex')}`, entryNumber: number, caller: '+33612345678', callee: number,
        flowId, flowVersionId: versionId, startedAt: new Date(startedAt.getTime() + i * 60_000), endedAt: new Date(startedAt.getTime() + i * 60_000 + 30_000), ...end,
        events: { create: steps.map(([kind, nodeId, output], seq) => ({ seq: seq + 1, at: new Date(startedAt.getTime() + i * 60_000 + seq * 1000), kind, nodeId, nodeType: nodeId === 'welcome' ? 'message' : nodeId === 'menu' ? 'menu' : 'hangup', output })) },
      },
    });
  const toMenu: [string, string, string?][] = [['node-entered', 'welcome'], ['output-taken', 'welcome', 'next'], ['node-entered', 'menu']];
  await call(1, [...toMenu, ['output-taken', 'menu', '1'], ['node-entered', 'sales']], { outcome: null, endNodeId: 'sales' });
  await call(2, [...toMenu, ['output-taken', 'menu', '1'], ['node-entered', 'sales']], { outcome: null, endNodeId: 'sales' });
  await call(3, [...toMenu, ['output-taken', 'menu', 'timeout'], ['node-entered', 'bye']], { outcome: null, endNodeId: 'bye' });
  await call(4, [['node-entered', 'welcome']], { outcome: 'abandoned', endNodeId: 'welcome' });

  await signIn(supervisor);
  await page.goto(`/flows/${flowId}/edit`);
  const toggle = page.getByRole('switch', { name: 'Statistics' });
  await expect(toggle).not.toBeChecked();
  await expect(page.getByTestId('node-stats')).toHaveCount(0);
  // From the keyboard.
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(toggle).toBeChecked();
  await expect(page.getByTestId('stats-period')).toHaveValue('last7');
  await expect(page.getByTestId('stats-summary')).toHaveText('4 calls in this period');
  const node = (id: string) => page.locator(`[data-node-id="${id}"]`);
  await expect(node('welcome').getByTestId('node-stats')).toHaveText('4 calls entered1 ended here');
  await expect(node('menu').getByTestId('node-stats')).toHaveText('3 calls entered');
  await expect(node('sales').getByTestId('node-stats')).toHaveText('2 calls entered2 ended here');
  await expect(node('menu').locator('[data-output="1"] [data-testid="output-stat"]')).toHaveText('2 · 67%');
  await expect(node('menu').locator('[data-output="timeout"] [data-testid="output-stat"]')).toHaveText('1 · 33%');
  await expect(node('menu').locator('[data-output="invalid"] [data-testid="output-stat"]')).toHaveText('0');
  await expect(page.locator('[data-testid="rf__edge-e-sales"] .react-flow__edge-text')).toHaveText('2 · 67%');
  await expect(page.locator('[data-testid="rf__edge-e-welcome"] .react-flow__edge-text')).toHaveText('3 · 75%');
  await expect(page.locator('[data-testid="rf__edge-e-invalid"]')).toHaveClass(/edge-stats-none/);
  await snapshot('flow-stats-en-editor');
  // The same figures as a table (over the canvas); a step's button closes it and shows the step.
  await page.getByText('The figures as a table').click();
  const menuRow = page.getByTestId('funnel-table').locator('tr[data-node="menu"]');
  await expect(menuRow).toContainText('Menu principal');
  await expect(menuRow).toContainText('Ventes: 2 (67%)');
  await expect(page.getByTestId('funnel-table').locator('tr[data-node="welcome"]')).toContainText('1 (1 hung up)');
  await snapshot('flow-stats-en-table');
  await menuRow.getByRole('button', { name: 'Menu principal' }).press('Enter');
  await expect(page.getByTestId('funnel-table')).toBeHidden();

  // A period without calls: the empty state, no figures on the nodes' edges.
  await page.getByTestId('stats-period').selectOption('yesterday');
  await expect(page.getByTestId('stats-summary')).toHaveText('No call in this period: nothing to show yet.');
  await expect(node('menu').getByTestId('node-stats')).toHaveText('No call');
  await expect(page.getByTestId('funnel-table')).toHaveCount(0);
  await page.getByTestId('stats-period').selectOption('last7');
  await expect(page.getByTestId('stats-summary')).toHaveText('4 calls in this period');

  // French.
  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'FR' }).click();
  await expect(page.getByRole('switch', { name: 'Statistiques' })).toBeChecked();
  await expect(page.getByTestId('stats-summary')).toHaveText('4 appels sur la période');
  await expect(node('welcome').getByTestId('node-stats')).toHaveText('4 appels entrés1 terminé ici');
  await expect(page.locator('[data-testid="rf__edge-e-sales"] .react-flow__edge-text')).toHaveText('2 · 67 %');
  await snapshot('flow-stats-fr-editor');

  // The version's page: that version's calls, shown at once.
  await page.goto(`/flows/${flowId}/versions`);
  await page.getByRole('link', { name: 'Ouvrir la version 1 sur le canevas, avec ses statistiques' }).click();
  await expect(page).toHaveURL(new RegExp(`/flows/${flowId}/versions/1$`));
  await expect(page.getByRole('switch', { name: 'Statistiques' })).toBeChecked();
  await expect(page.getByTestId('stats-summary')).toContainText('4 appels sur la période');
  await expect(page.getByTestId('stats-summary')).toContainText('appels de cette version uniquement');
  await expect(node('sales').getByTestId('node-stats')).toHaveText('2 appels entrés2 terminés ici');
  await snapshot('flow-stats-fr-version');
});
