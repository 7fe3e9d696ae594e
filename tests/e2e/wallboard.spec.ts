// The wallboard (/live, issue 15 "Done means": "during a live call the wallboard shows it in the
// right node within one second (Playwright, measured), and it disappears when the caller hangs
// up") with real parts, as tests/e2e/agent-console.spec.ts: the admin server of global-setup.ts, a
// call runtime in this process on the same database (with its agent change listener), SIPp phones
// registered through the edge, and a SIPp caller pressing 2 in the menu.
//   1. Sophie (supervisor) opens Live from the navigation: no call (its empty state), the group
//      Support with nobody waiting, Hugo paused for "Formation", Inès offline.
//   2. The caller reaches the menu "Accueil": its row shows that step; then "Support" (a queue):
//      state Waiting, the group's waiting count 1 and its longest wait ticking. The time from the
//      runtime entering each node (the path entry's `at`) to the row showing it in the page (a
//      MutationObserver's clock) is measured, printed, and must be under one second.
//   3. Hugo makes himself available (his console's PUT): his phone rings and answers; the call
//      shows Hugo and In conversation, Hugo is In a call, nobody waits any more (both measured as
//      the steps, from the runtime's stateSince / status since to the page, under one second).
//   4. The wall screen loses its network; meanwhile Inès becomes available; back online, the board
//      catches up (sync on reconnect) without a reload.
//   5. In French; then the caller hangs up (SIPp sends BYE when the test tells it): the row goes
//      (measured and printed) and the French empty state is back.
// Screenshots: test-results/screenshots/wallboard-*.png.
import dgram from 'node:dgram';
import { randomBytes } from 'node:crypto';
import type { APIRequestContext, Browser, BrowserContext, Page } from '@playwright/test';
import { poolConfigFromUrl } from '@/prisma/database-url';
import { startAgentChangeListener } from '@/flow-runtime/agents/agent-change-listener';
import type { PgListen } from '@/flow-runtime/calls/pg-listen';
import { createUserWithPassword } from '@/app/lib/users/create-user';
import { runSipp, sippOk, sippPort } from '@/tests/sip-edge/helpers';
import { ack, scenario } from '@/tests/sip-edge/scenarios';
import { AGENT_SDP, callerInvite, createAgent, eventually, play, publishFlow, startRuntime, tts, type Runtime } from '@/tests/calls/support';
import { agentPhone as phoneOf, answersThenBye } from '@/tests/calls/phone-support';
import { expect, test } from './support/fixtures';

const NUMBER = '+33199000150';
const CALLER = '+33612345678';

// The brief's size for screenshots; the board is made for larger screens (full screen).
test.use({ viewport: { width: 1280, height: 720 } });

let rt: Runtime;
let agentListener: PgListen;

test.beforeAll(async () => {
  const databaseUrl = process.env.E2E_DATABASE_URL;
  if (!databaseUrl) throw new Error('E2E_DATABASE_URL is not set: run through playwright.config.ts');
  rt = await startRuntime({ databaseName: new URL(databaseUrl).pathname.slice(1), keepDatabase: true });
  // As flow-runtime/main.ts: the directory re-reads an agent whose status changed (the queue then offers the caller).
  agentListener = startAgentChangeListener({ connection: poolConfigFromUrl(rt.databaseUrl), directory: rt.calls.services.directory });
  await eventually(() => agentListener.listening, 'agent change listener listening');
});

test.afterAll(async () => {
  await agentListener?.close();
  await rt?.stop();
});

async function signedInContext(browser: Browser, baseURL: string, email: string, password: string): Promise<{ context: BrowserContext; api: APIRequestContext }> {
  const context = await browser.newContext({ baseURL, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(/\/(flows|agent)$/);
  await page.close();
  return { context, api: context.request };
}

/**
 * The caller: enters the flow, presses 2 after `dtmfAfterMs`, then stays until the test sends it a
 * SIP INFO in its dialog (`hangUp()`), and hangs up (BYE with the dialog's To kept from the 200).
 */
function callerHangingUpOnSignal(number: string) {
  const callId = `wb${randomBytes(5).toString('hex')}-1@127.0.0.1`;
  const run = runSipp(scenario(
    callerInvite(number),
    '<recv response="100" optional="true"/>',
    '<recv response="180" optional="true"/>',
    '<recv response="183" optional="true"/>',
    '<recv response="180" optional="true"/>',
    '<recv response="200" rrs="true"><action><ereg regexp=".*" search_in="hdr" header="To:" assign_to="dialogTo"/></action></recv>',
    ack,
    '<pause milliseconds="3000"/>',
    play('dtmf_2833_2.pcap'),
    '<recv request="INFO"/>',
    `<send retrans="500"><![CDATA[
BYE [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:${CALLER}@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To:[$dialogTo]
Call-ID: [call_id]
CSeq: 2 BYE
Contact: <sip:caller@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Length: 0

]]></send>`,
    '<recv response="200" crlf="true"/>',
  ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1', '-cid_str', callId.replace('-1@127.0.0.1', '-%u@%s')], { timeoutS: 170 });
  return {
    run,
    /** Sends the INFO the scenario waits for; resolves with the instant it left. */
    async hangUp(): Promise<number> {
      const port = await sippPort(run);
      const socket = dgram.createSocket('udp4');
      await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
      const message = [
        `INFO sip:caller@127.0.0.1:${port} SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${socket.address().port};branch=z9hG4bK${randomBytes(6).toString('hex')}`,
        'From: <sip:test@127.0.0.1>;tag=test',
        'To: <sip:caller@127.0.0.1>',
        `Call-ID: ${callId}`,
        'CSeq: 1 INFO',
        'Max-Forwards: 70',
        'Content-Length: 0',
        '', '',
      ].join('\r\n');
      const sentAt = Date.now();
      await new Promise<void>((resolve, reject) => socket.send(message, port, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
      socket.close();
      return sentAt;
    },
  };
}

/**
 * Records in the page, on the browser's clock (epoch ms), when each call row first shows each
 * step (with the step's `at` from the runtime), and when a row goes.
 */
async function watchRows(page: Page): Promise<void> {
  await page.addInitScript(() => {
    type Seen = Record<string, { shownAt: number; stepAt: string }>;
    const w = window as unknown as { __wallboard: { seen: Seen; states: Seen; statuses: Seen; gone: Record<string, number>; known: Record<string, true> } };
    w.__wallboard = { seen: {}, states: {}, statuses: {}, gone: {}, known: {} };
    const check = () => {
      const now = performance.timeOrigin + performance.now();
      const present = new Set<string>();
      for (const row of document.querySelectorAll('[data-testid="wallboard-call"]')) {
        const id = row.getAttribute('data-call-id') ?? '';
        present.add(id);
        w.__wallboard.known[id] = true;
        const key = `${id}|${row.getAttribute('data-step') ?? ''}`;
        if (!(key in w.__wallboard.seen)) w.__wallboard.seen[key] = { shownAt: now, stepAt: row.getAttribute('data-step-at') ?? '' };
        const state = `${id}|${row.getAttribute('data-state') ?? ''}`;
        if (!(state in w.__wallboard.states)) w.__wallboard.states[state] = { shownAt: now, stepAt: row.getAttribute('data-state-since') ?? '' };
      }
      for (const tile of document.querySelectorAll('[data-testid="agent-tile"]')) {
        const key = `${tile.getAttribute('data-agent-id') ?? ''}|${tile.getAttribute('data-status') ?? ''}`;
        if (!(key in w.__wallboard.statuses)) w.__wallboard.statuses[key] = { shownAt: now, stepAt: tile.getAttribute('data-since') ?? '' };
      }
      for (const id of Object.keys(w.__wallboard.known)) if (!present.has(id) && !(id in w.__wallboard.gone)) w.__wallboard.gone[id] = now;
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-step', 'data-call-id', 'data-state', 'data-status'] });
  });
}

type Seen = { shownAt: number; stepAt: string };
type Kind = 'seen' | 'states' | 'statuses';
/** When the page first showed `what` (a step, a call state, an agent status) of `id`, and since when the runtime says it holds. */
const first = (page: Page, kind: Kind, id: string, what: string) =>
  page.evaluate(([k, i, s]) => (window as unknown as { __wallboard: Record<Kind, Record<string, Seen>> }).__wallboard[k][`${i}|${s}`] ?? null, [kind, id, what] as const);
const seen = (page: Page, callId: string, step: string) => first(page, 'seen', callId, step);
const goneAt = (page: Page, callId: string) =>
  page.evaluate((id) => (window as unknown as { __wallboard: { gone: Record<string, number> } }).__wallboard.gone[id] ?? null, callId);

test('wallboard: a SIPp call shown in its step within one second, queued in its group, answered by an agent, gone when the caller hangs up', async ({ page, browser, baseURL, signIn, snapshot }) => {
  test.setTimeout(240_000);
  const org = rt.organizationId;
  const origin = { origin: baseURL! };
  const measured: string[] = [];

  // Hugo (paused for "Formation", his phone registered) and Inès (offline), both in Support (a queue).
  const hugo = await createAgent(rt, `hugo${randomBytes(3).toString('hex')}`);
  const ines = await createAgent(rt, `ines${randomBytes(3).toString('hex')}`);
  const reason = await rt.prisma.pauseReason.create({ data: { organizationId: org, label: 'Formation', position: 0 } });
  await rt.prisma.agent.update({ where: { id: hugo.id }, data: { name: 'Hugo', extension: '201', status: 'paused', pauseReasonId: reason.id, statusSince: new Date() } });
  await rt.prisma.agent.update({ where: { id: ines.id }, data: { name: 'Inès', extension: '202', status: 'offline', statusSince: new Date() } });
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  const mail = (who: string) => `${who}-${randomBytes(4).toString('hex')}@test.relais.local`;
  const hugoUser = await createUserWithPassword(rt.prisma, { organizationId: org, email: mail('hugo'), name: 'Hugo', role: 'agent', password, locale: 'en' });
  const inesUser = await createUserWithPassword(rt.prisma, { organizationId: org, email: mail('ines'), name: 'Inès', role: 'agent', password, locale: 'en' });
  const sophie = await createUserWithPassword(rt.prisma, { organizationId: org, email: mail('sophie'), name: 'Sophie', role: 'supervisor', password, locale: 'en' });
  await rt.prisma.agent.update({ where: { id: hugo.id }, data: { userId: hugoUser.id } });
  await rt.prisma.agent.update({ where: { id: ines.id }, data: { userId: inesUser.id } });
  const group = await rt.prisma.queueGroup.create({ data: { organizationId: org, name: 'Support', color: '#d92d20', members: { create: [{ agentId: hugo.id, position: 0 }, { agentId: ines.id, position: 1 }] } } });
  await publishFlow(rt, NUMBER, {
    schemaVersion: 1, name: 'Accueil', language: 'fr', entry: 'menu',
    nodes: [
      { id: 'menu', type: 'menu', label: 'Accueil', position: { x: 0, y: 0 }, config: { prompt: tts('Bienvenue. Pour le support, tapez 2.'), keys: [{ key: '2' }], timeoutSeconds: 15, retries: 0 } },
      { id: 'support', type: 'queue-group', label: 'Support', position: { x: 200, y: 0 }, config: { groupId: group.id, strategy: 'queue', ringTimeSeconds: 30, maxWaitSeconds: 600 } },
      { id: 'bye', type: 'hangup', label: 'Au revoir', position: { x: 400, y: 0 }, config: {} },
    ],
    edges: [
      { id: 'e1', source: 'menu', sourceOutput: '2', target: 'support' },
      { id: 'e2', source: 'menu', sourceOutput: 'timeout', target: 'bye' },
      { id: 'e3', source: 'menu', sourceOutput: 'invalid', target: 'bye' },
      { id: 'e4', source: 'support', sourceOutput: 'no_answer', target: 'bye' },
    ],
  });
  const hugoSide = await signedInContext(browser, baseURL!, hugoUser.email, password);
  const inesSide = await signedInContext(browser, baseURL!, inesUser.email, password);

  // 1. Sophie opens Live from the navigation.
  await watchRows(page);
  await signIn({ id: sophie.id, email: sophie.email, password, role: 'supervisor', organizationId: org });
  await page.getByRole('navigation').getByRole('link', { name: 'Live' }).click();
  await expect(page).toHaveURL(/\/live$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Live wallboard' })).toBeVisible();
  await expect(page.getByTestId('wallboard-connection')).toHaveAttribute('data-state', 'connected');
  await expect(page.getByTestId('calls-empty')).toHaveText('No call in progress right now. A call shows here as soon as a caller reaches one of your numbers.');
  const groupTile = page.getByTestId('group-tile').filter({ hasText: 'Support' });
  await expect(groupTile.getByTestId('group-waiting')).toHaveText('0');
  await expect(groupTile.getByTestId('group-longest-wait')).toHaveText('–');
  await expect(groupTile.getByTestId('group-agents')).toHaveText('no agent available of 1 signed in');
  const hugoTile = page.locator(`[data-testid="agent-tile"][data-agent-id="${hugo.id}"]`);
  const inesTile = page.locator(`[data-testid="agent-tile"][data-agent-id="${ines.id}"]`);
  await expect(hugoTile.getByTestId('agent-status')).toHaveText('Paused: Formation');
  await expect(inesTile.getByTestId('agent-status')).toHaveText('Offline');
  // time in status ticks
  const hugoTime = await hugoTile.getByTestId('agent-status-time').textContent();
  await expect(hugoTile.getByTestId('agent-status-time')).not.toHaveText(hugoTime ?? '', { timeout: 3_000 });

  // 2. The call: the menu, then the queue.
  const hugoPhone = await phoneOf(rt, hugo.sipUsername, answersThenBye(AGENT_SDP, 500), { timeoutS: 170 });
  const caller = callerHangingUpOnSignal(NUMBER);
  const row = page.getByTestId('wallboard-call');
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  const callId = (await row.getAttribute('data-call-id'))!;
  await expect(row.getByTestId('call-caller')).toHaveText(CALLER);
  await expect(row.getByTestId('call-number')).toHaveText(NUMBER);
  await expect.poll(() => seen(page, callId, 'Accueil'), { timeout: 15_000 }).not.toBeNull();
  const menu = (await seen(page, callId, 'Accueil'))!;
  await expect(row).toHaveAttribute('data-step', 'Support', { timeout: 20_000 });
  await expect(row.getByTestId('call-step')).toContainText('Support');
  await expect(row.getByTestId('call-state')).toHaveText('Waiting');
  // the whole path, with the key pressed, on hover
  await expect(row.getByTestId('call-step')).toHaveAttribute('title', 'Accueil: 2 → Support');
  const support = (await seen(page, callId, 'Support'))!;
  for (const [step, s] of [['Accueil', menu], ['Support', support]] as const) {
    const latency = s.shownAt - Date.parse(s.stepAt);
    measured.push(`runtime entered "${step}" → shown on the wallboard: ${latency.toFixed(0)} ms`);
    expect(latency, `${step} shown ${latency} ms after the runtime entered it`).toBeLessThan(1000);
    expect(latency).toBeGreaterThanOrEqual(-50); // same machine, same clock: a negative figure means a wrong `at`
  }
  await expect(groupTile.getByTestId('group-waiting')).toHaveText('1');
  await expect(page.getByTestId('total-waiting')).toContainText('1');
  const wait = await groupTile.getByTestId('group-longest-wait').textContent();
  expect(wait).toMatch(/^0:\d\d$/);
  await expect(groupTile.getByTestId('group-longest-wait')).not.toHaveText(wait!, { timeout: 3_000 });
  await expect(row.getByTestId('call-step-time')).toHaveText(/^for 0:\d\d$/);
  await snapshot('wallboard-en-queued');

  // 3. Hugo is back: his phone rings and answers.
  const availableAt = Date.now();
  const put = await hugoSide.api.put('/api/agent/me/status', { data: { status: 'available' }, headers: origin });
  expect(put.status(), await put.text()).toBe(200);
  await expect(row.getByTestId('call-state')).toHaveText('In conversation', { timeout: 30_000 });
  await expect(row.getByTestId('call-agents')).toHaveText('Hugo');
  await expect(row.getByTestId('call-state-time')).toHaveText(/^for 0:\d\d$/);
  await expect(hugoTile.getByTestId('agent-status')).toHaveText('In a call');
  measured.push(`Hugo available → his phone rang 0.5 s and answered → "In a call" on the wallboard: ${Date.now() - availableAt} ms (upper bound)`);
  // The answer, measured as the steps: from when the runtime says it happened to the page showing it.
  const talking = (await first(page, 'states', callId, 'talking'))!;
  const inCall = (await first(page, 'statuses', hugo.id, 'in_call'))!;
  for (const [what, s] of [['the call In conversation', talking], ['Hugo In a call', inCall]] as const) {
    const latency = s.shownAt - Date.parse(s.stepAt);
    measured.push(`runtime: ${what} → shown on the wallboard: ${latency.toFixed(0)} ms`);
    expect(latency, `${what} shown ${latency} ms after the runtime`).toBeLessThan(1000);
    expect(latency).toBeGreaterThanOrEqual(-50);
  }
  await expect(groupTile.getByTestId('group-waiting')).toHaveText('0');
  await expect(page.getByTestId('total-in-progress')).toContainText('1');
  await snapshot('wallboard-en-in-call');

  // 4. The wall screen loses its connection; Inès becomes available meanwhile; back, it catches up.
  await page.context().setOffline(true);
  await expect(page.getByTestId('wallboard-connection')).toHaveAttribute('data-state', 'reconnecting', { timeout: 30_000 });
  const inesPut = await inesSide.api.put('/api/agent/me/status', { data: { status: 'available' }, headers: origin });
  expect(inesPut.status(), await inesPut.text()).toBe(200);
  await expect(inesTile.getByTestId('agent-status')).toHaveText('Offline');
  await page.context().setOffline(false);
  await expect(page.getByTestId('wallboard-connection')).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
  await expect(inesTile.getByTestId('agent-status')).toHaveText('Available');
  await expect(row.getByTestId('call-state')).toHaveText('In conversation');

  // 5. French; then the caller hangs up.
  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'FR' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Supervision en direct' })).toBeVisible();
  await expect(row.getByTestId('call-state')).toHaveText('En conversation');
  await expect(hugoTile.getByTestId('agent-status')).toHaveText('En communication');
  await expect(inesTile.getByTestId('agent-status')).toHaveText('Disponible');
  await expect(groupTile.getByTestId('group-agents')).toHaveText('1 agent disponible sur 2 connectés');
  await expect(row.getByTestId('call-step-time')).toHaveText(/^depuis \d+:\d\d$/);
  await snapshot('wallboard-fr-in-call');
  // The wall screen's full screen: the board alone, agents beside the calls.
  await page.getByRole('button', { name: 'Plein écran' }).click();
  await expect(page.getByRole('button', { name: 'Quitter le plein écran' })).toHaveAttribute('aria-pressed', 'true');
  await page.screenshot({ path: 'test-results/screenshots/wallboard-fr-fullscreen.png' });
  await page.getByRole('button', { name: 'Quitter le plein écran' }).click();
  await expect(page.getByRole('button', { name: 'Plein écran' })).toBeVisible();

  const hungUpAt = await caller.hangUp();
  await expect(row).toHaveCount(0, { timeout: 15_000 });
  const gone = await goneAt(page, callId);
  expect(gone).not.toBeNull();
  measured.push(`caller's hang-up signalled → row gone from the wallboard: ${(gone! - hungUpAt).toFixed(0)} ms (SIPp's BYE, the runtime, the event, the page)`);
  await expect(page.getByTestId('calls-empty')).toHaveText('Aucun appel en cours. Un appel s’affiche ici dès qu’un appelant joint l’un de vos numéros.');
  await expect(hugoTile.getByTestId('agent-status')).toHaveText('Disponible', { timeout: 15_000 });
  await snapshot('wallboard-fr-after');
  const [c, h] = await Promise.all([caller.run.done, hugoPhone.done]);
  expect(sippOk(c)).toBe('ok');
  expect(sippOk(h)).toBe('ok');

  console.log(`\nwallboard measured:\n  ${measured.join('\n  ')}\n`);
  await hugoSide.context.close();
  await inesSide.context.close();
});

test('wallboard: an agent may not open it; a supervisor of an organisation without groups or agents is told where to add them', async ({ page, browser, baseURL, prisma, admin, signIn }) => {
  const password = 'agent-password-1234';
  const agentUser = await createUserWithPassword(prisma, { organizationId: admin.organizationId, email: `agent-${randomBytes(4).toString('hex')}@test.relais.local`, name: 'Agent', role: 'agent', password, locale: 'en' });
  const agentSide = await signedInContext(browser, baseURL!, agentUser.email, password);
  const agentPage = await agentSide.context.newPage();
  await agentPage.goto('/live');
  await expect(agentPage.getByRole('heading', { level: 1, name: 'Access denied' })).toBeVisible();
  await agentSide.context.close();

  await signIn(admin);
  await page.goto('/live');
  await expect(page.getByTestId('calls-empty')).toBeVisible();
  await expect(page.getByTestId('groups-empty').getByRole('link', { name: 'Create a group' })).toHaveAttribute('href', '/groups');
  await expect(page.getByTestId('agents-empty').getByRole('link', { name: 'Add agents' })).toHaveAttribute('href', '/agents');
});
