// The agent console (/agent, issue 14 "Done means", first bullet) with real parts: the admin
// server started by global-setup.ts, a call runtime in this process on the SAME database
// (tests/calls/support.ts startRuntime with the e2e database, its command channel and agent
// change listener as flow-runtime/main.ts starts them), SIPp phones registered through the edge with digest auth,
// and a SIPp caller pressing 2 in the menu (RFC 4733 from SIPp's capture).
//   1. Hugo (agent role) signs in and lands on /agent; sets himself available.
//   2. The call reaches his phone (SIPp answers): within a few seconds the console shows the
//      caller, the group (name, colour), the number called and the path "Menu: 2 → Support".
//   3. Hold → the card says on hold and offers Resume; Resume → Hold again.
//   4. He chooses a 15 s post-call pause (PPA), opens Transfer, finds Inès in the directory
//      (available), "Talk first": Inès's phone (SIPp) answers, the card offers Complete /
//      Retrieve…; the page is switched to French (screenshots in both languages); he completes.
//   5. His phone gets its BYE, the card goes, the post-call pause counts down and the status
//      returns to available by itself.
//   6. A supervisor locks him in pause (PUT /api/agents/:id/lock): the padlock, who locked,
//      and the selector disabled; unlocked, the selector is back.
// A second test: a hold (re-INVITE) and a blind transfer (REFER) made on the agent's phone show
// on the console (On hold / Resume, then the call leaves it).
// Screenshots: test-results/screenshots/agent-console-*.png.
// Needs issue 14's C1–C3 (statuses, live events, directory) merged: until then the page loads
// but /api/agent/me answers 404.
import { randomBytes } from 'node:crypto';
import type { APIRequestContext, Browser, BrowserContext } from '@playwright/test';
import { poolConfigFromUrl } from '@/prisma/database-url';
import { startCommandChannel, type CommandChannel } from '@/flow-runtime/calls/command-channel';
import { startAgentChangeListener } from '@/flow-runtime/agents/agent-change-listener';
import type { PgListen } from '@/flow-runtime/calls/pg-listen';
import { createUserWithPassword } from '@/app/lib/users/create-user';
import { sendCallCommand } from '@/app/lib/calls/send-call-command';
import { runSipp, sippOk, type SippRun } from '@/tests/sip-edge/helpers';
import { ack, reply, scenario } from '@/tests/sip-edge/scenarios';
import { AGENT_SDP, callerInvite, createAgent, eventually, play, publishFlow, startRuntime, tts, type Runtime } from '@/tests/calls/support';
import { agentAnswersAfter, agentPhone as phoneOf, agentReinvite, agentRequest, answersThenBye } from '@/tests/calls/phone-support';
import { expect, test } from './support/fixtures';

const NUMBER = '+33199000140';
const CALLER = '+33612345678';

let rt: Runtime;
let channel: CommandChannel;
let agentListener: PgListen;

test.beforeAll(async () => {
  const databaseUrl = process.env.E2E_DATABASE_URL;
  if (!databaseUrl) throw new Error('E2E_DATABASE_URL is not set: run through playwright.config.ts');
  // The runtime on the admin's database (no new database, none dropped at the end).
  rt = await startRuntime({ databaseName: new URL(databaseUrl).pathname.slice(1), keepDatabase: true });
  channel = startCommandChannel({ connection: poolConfigFromUrl(rt.databaseUrl), prisma: rt.prisma, active: rt.calls.active });
  await eventually(() => channel.listening, 'command channel listening');
  // As flow-runtime/main.ts: the directory re-reads an agent the admin changed (status, PPA choice).
  agentListener = startAgentChangeListener({ connection: poolConfigFromUrl(rt.databaseUrl), directory: rt.calls.services.directory });
  await eventually(() => agentListener.listening, 'agent change listener listening');
});

test.afterAll(async () => {
  await agentListener?.close();
  await channel?.close();
  await rt?.stop();
});

/** An agent's phone: answers (echoing RTP) after ringing briefly, then waits for Relais's BYE. */
const agentPhone = (username: string): Promise<SippRun> => phoneOf(rt, username, answersThenBye(AGENT_SDP, 500), { timeoutS: 170 });

/** A signed-in browser context for another user, and its API requests (with the Origin the CSRF check wants). */
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

test('agent console: a call with its group and path, hold/resume, warm transfer completed, post-call pause, lock', async ({ page, browser, baseURL, signIn, snapshot }) => {
  test.setTimeout(240_000);
  const org = rt.organizationId;
  const origin = { origin: baseURL! };

  // Two agents linked to users; Hugo starts offline (the console makes him available), Inès available.
  const hugo = await createAgent(rt, `hugo${randomBytes(3).toString('hex')}`);
  const ines = await createAgent(rt, `ines${randomBytes(3).toString('hex')}`);
  await rt.prisma.agent.update({ where: { id: hugo.id }, data: { name: 'Hugo', extension: '201', status: 'offline' } });
  await rt.prisma.agent.update({ where: { id: ines.id }, data: { name: 'Inès', extension: '202' } });
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  const hugoUser = await createUserWithPassword(rt.prisma, { organizationId: org, email: `hugo-${randomBytes(4).toString('hex')}@test.relais.local`, name: 'Hugo', role: 'agent', password, locale: 'en' });
  const inesUser = await createUserWithPassword(rt.prisma, { organizationId: org, email: `ines-${randomBytes(4).toString('hex')}@test.relais.local`, name: 'Inès', role: 'agent', password, locale: 'en' });
  const supervisor = await createUserWithPassword(rt.prisma, { organizationId: org, email: `sophie-${randomBytes(4).toString('hex')}@test.relais.local`, name: 'Sophie', role: 'supervisor', password, locale: 'en' });
  const admin = await createUserWithPassword(rt.prisma, { organizationId: org, email: `admin-${randomBytes(4).toString('hex')}@test.relais.local`, name: 'Admin', role: 'admin', password, locale: 'en' });
  await rt.prisma.agent.update({ where: { id: hugo.id }, data: { userId: hugoUser.id } });
  await rt.prisma.agent.update({ where: { id: ines.id }, data: { userId: inesUser.id } });

  // The group (its colour set the way the groups admin does: the column of C1), Hugo only.
  const group = await rt.prisma.queueGroup.create({ data: { organizationId: org, name: 'Support', members: { create: [{ agentId: hugo.id, position: 0 }] } } });
  await rt.prisma.$executeRawUnsafe(`UPDATE "QueueGroup" SET "color" = '#d92d20' WHERE "id" = $1`, group.id);
  await publishFlow(rt, NUMBER, {
    schemaVersion: 1, name: 'Accueil', language: 'fr', entry: 'menu',
    nodes: [
      { id: 'menu', type: 'menu', label: 'Menu', position: { x: 0, y: 0 }, config: { prompt: tts('Pour le support, tapez 2.'), keys: [{ key: '2' }], timeoutSeconds: 10, retries: 0 } },
      { id: 'support', type: 'queue-group', label: 'Support', position: { x: 200, y: 0 }, config: { groupId: group.id, strategy: 'simultaneous', ringTimeSeconds: 30 } },
      { id: 'bye', type: 'hangup', label: 'Bye', position: { x: 400, y: 0 }, config: {} },
    ],
    edges: [
      { id: 'e1', source: 'menu', sourceOutput: '2', target: 'support' },
      { id: 'e2', source: 'menu', sourceOutput: 'timeout', target: 'bye' },
      { id: 'e3', source: 'menu', sourceOutput: 'invalid', target: 'bye' },
      { id: 'e4', source: 'support', sourceOutput: 'no_answer', target: 'bye' },
    ],
  });

  // A pause reason (admin), for the lock.
  const adminSide = await signedInContext(browser, baseURL!, admin.email, password);
  const reasonRes = await adminSide.api.post('/api/pause-reasons', { data: { label: 'Formation' }, headers: origin });
  expect(reasonRes.status(), await reasonRes.text()).toBeLessThan(300);
  const reason = (await reasonRes.json()) as { id: string };

  // 1. Hugo signs in: the console, offline; he sets himself available.
  await signIn({ id: hugoUser.id, email: hugoUser.email, password, role: 'agent', organizationId: org });
  await expect(page).toHaveURL(/\/agent$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Agent console' })).toBeVisible();
  await expect(page.getByTestId('effective-status')).toHaveText('Offline');
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);
  await expect(page.getByTestId('no-call')).toBeVisible();
  await page.getByTestId('status-select').selectOption('available');
  await expect(page.getByTestId('effective-status')).toHaveText('Available');
  await expect(page.getByText('No call right now: you are available')).toBeVisible();

  // 2. The call: both phones ready (Inès's answers the warm transfer later).
  const hugoPhone = await agentPhone(hugo.sipUsername);
  const inesPhone = await agentPhone(ines.sipUsername);
  const caller = runSipp(scenario(
    callerInvite(NUMBER),
    '<recv response="100" optional="true"/>',
    '<recv response="180" optional="true"/>',
    '<recv response="183" optional="true"/>',
    '<recv response="200" rrs="true"/>',
    ack,
    '<pause milliseconds="1500"/>',
    play('dtmf_2833_2.pcap'),
    '<recv request="BYE"/>',
    reply('200 OK'),
  ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 170 });

  const card = page.getByTestId('call-card');
  await expect(card).toBeVisible({ timeout: 30_000 });
  // Answered by Hugo's phone: the facts within a few seconds of the bridge.
  const bridged = await eventually(() => [...rt.calls.active.values()].find((c) => c.endpoint.bridgedTo) ?? null, 'the call bridged to Hugo', 30_000);
  const bridgedAt = Date.now();
  await expect(card.getByTestId('call-state')).toHaveText('In conversation', { timeout: 5_000 });
  await expect(card.getByTestId('call-caller')).toContainText(CALLER);
  await expect(card.getByTestId('call-group')).toHaveText('Support');
  await expect(card.getByTestId('call-group').locator('.group-swatch')).toHaveCSS('background-color', 'rgb(217, 45, 32)');
  await expect(card.getByTestId('call-entry-number')).toHaveText(NUMBER);
  await expect(card.getByTestId('call-path')).toHaveText('Menu: 2 → Support');
  expect(Date.now() - bridgedAt).toBeLessThan(5_000);
  await expect(page.getByTestId('effective-status')).toHaveText('In a call');
  const timerBefore = await card.getByTestId('call-timer').textContent();
  await expect(card.getByTestId('call-timer')).not.toHaveText(timerBefore ?? '', { timeout: 3_000 });

  // 3. Hold / resume: the buttons follow the call's state.
  await card.getByRole('button', { name: 'Hold', exact: true }).click();
  await expect(card.getByTestId('call-state')).toHaveText('On hold');
  await expect(card.getByRole('button', { name: 'Hold', exact: true })).toHaveCount(0);
  await card.getByRole('button', { name: 'Resume' }).click();
  await expect(card.getByTestId('call-state')).toHaveText('In conversation');
  await expect(card.getByRole('button', { name: 'Resume' })).toHaveCount(0);
  // From the keyboard too (Alt+H), as the help says.
  await page.getByText('Keyboard shortcuts').click();
  await expect(page.getByText('Alt+H')).toBeVisible();
  await page.getByText('Keyboard shortcuts').click();
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('Alt+KeyH');
  await expect(card.getByTestId('call-state')).toHaveText('On hold');
  await page.keyboard.press('Alt+KeyH');
  await expect(card.getByTestId('call-state')).toHaveText('In conversation');

  // 4. PPA: 15 s after this call. Then a warm transfer to Inès found in the directory.
  await page.getByTestId('ppa-select').selectOption('15');
  await card.getByRole('button', { name: 'Transfer…' }).click();
  await page.getByLabel('Search agents, groups, flows, contacts').fill('ines');
  const inesEntry = page.getByTestId('directory-entry').filter({ hasText: 'Inès' });
  await expect(inesEntry).toBeVisible();
  await expect(inesEntry.getByTestId('availability')).toHaveText('Available');
  await inesEntry.click();
  await snapshot('agent-console-en-transfer');
  await page.getByRole('button', { name: 'Talk first to Inès' }).click();
  await expect(card.getByTestId('call-state')).toHaveText('Talking to the target (caller on hold)', { timeout: 30_000 });
  await expect(card.getByRole('button', { name: 'Complete the transfer' })).toBeVisible();
  await expect(card.getByRole('button', { name: 'Retrieve' })).toBeVisible();
  await expect(card.getByRole('button', { name: 'Hold', exact: true })).toHaveCount(0);
  await snapshot('agent-console-en-consulting');

  // French: same state, French words.
  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'FR' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Console agent' })).toBeVisible();
  await expect(card.getByRole('button', { name: 'Finaliser le transfert' })).toBeVisible();
  await expect(card.getByRole('button', { name: 'Reprendre' })).toBeVisible();
  await expect(card.getByTestId('call-path')).toHaveText('Menu: 2 → Support');
  await snapshot('agent-console-fr-consulting');
  await card.getByRole('button', { name: 'Finaliser le transfert' }).click();

  // 5. Hugo's phone is released; the caller talks with Inès; Hugo's post-call pause runs.
  expect(sippOk(await hugoPhone.done)).toBe('ok');
  await expect(card).toHaveCount(0);
  await expect(page.getByTestId('effective-status')).toHaveText('Pause post-appel');
  await expect(page.getByTestId('wrap-up-countdown')).toContainText(/Pause post-appel : encore 0:\d\d/);
  await snapshot('agent-console-fr-wrap-up');
  await expect(page.getByTestId('effective-status')).toHaveText('Disponible', { timeout: 30_000 });
  await expect(page.getByTestId('wrap-up-countdown')).toHaveCount(0);

  // The supervisor ends the call (Inès and the caller get their BYE); it is in the calls of the day.
  const supervisorSide = await signedInContext(browser, baseURL!, supervisor.email, password);
  const hangup = await supervisorSide.api.post(`/api/calls/${bridged.id}/commands`, { data: { type: 'hangup' }, headers: origin });
  expect(hangup.status(), await hangup.text()).toBe(200);
  const [c, i] = await Promise.all([caller.done, inesPhone.done]);
  expect(sippOk(c)).toBe('ok');
  expect(sippOk(i)).toBe('ok');
  // Hugo left the call before it ended (no event of it reaches him): a reload reads the day again.
  await page.reload();
  await expect(page.getByTestId('calls-today-row').filter({ hasText: CALLER })).toContainText('Répondu', { timeout: 15_000 });

  // 6. The lock: shown with who locked, selector disabled; then lifted.
  const lock = await supervisorSide.api.put(`/api/agents/${hugo.id}/lock`, { data: { status: 'paused', pauseReasonId: reason.id }, headers: origin });
  expect(lock.status(), await lock.text()).toBeLessThan(300);
  await expect(page.getByTestId('status-lock')).toHaveText('Bloqué par Sophie');
  await expect(page.getByTestId('effective-status')).toHaveText('En pause : Formation');
  await expect(page.getByTestId('status-select')).toBeDisabled();
  await snapshot('agent-console-fr-locked');
  await page.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'EN' }).click();
  await expect(page.getByTestId('status-lock')).toHaveText('Locked by Sophie');
  await snapshot('agent-console-en-locked');
  const unlock = await supervisorSide.api.delete(`/api/agents/${hugo.id}/lock`, { headers: origin });
  expect(unlock.status(), await unlock.text()).toBeLessThan(300);
  await expect(page.getByTestId('status-lock')).toHaveCount(0);
  await expect(page.getByTestId('status-select')).toBeEnabled();

  await supervisorSide.context.close();
  await adminSide.context.close();
});

test('agent console: a hold and a transfer made on the phone show on the console', async ({ page, signIn, snapshot }) => {
  test.setTimeout(180_000);
  const org = rt.organizationId;
  const number = '+33199000141';
  const paul = await createAgent(rt, `paul${randomBytes(3).toString('hex')}`);
  const lea = await createAgent(rt, `lea${randomBytes(3).toString('hex')}`);
  await rt.prisma.agent.update({ where: { id: paul.id }, data: { name: 'Paul', extension: '301' } });
  await rt.prisma.agent.update({ where: { id: lea.id }, data: { name: 'Léa', extension: '302' } });
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  const paulUser = await createUserWithPassword(rt.prisma, { organizationId: org, email: `paul-${randomBytes(4).toString('hex')}@test.relais.local`, name: 'Paul', role: 'agent', password, locale: 'en' });
  await rt.prisma.agent.update({ where: { id: paul.id }, data: { userId: paulUser.id } });
  const group = await rt.prisma.queueGroup.create({ data: { organizationId: org, name: 'Ventes', members: { create: [{ agentId: paul.id, position: 0 }] } } });
  await publishFlow(rt, number, {
    schemaVersion: 1, name: 'Ventes', language: 'fr', entry: 'sales',
    nodes: [
      { id: 'sales', type: 'queue-group', label: 'Ventes', position: { x: 0, y: 0 }, config: { groupId: group.id, strategy: 'simultaneous', ringTimeSeconds: 30 } },
      { id: 'bye', type: 'hangup', label: 'Bye', position: { x: 200, y: 0 }, config: {} },
    ],
    edges: [{ id: 'e1', source: 'sales', sourceOutput: 'no_answer', target: 'bye' }],
  });

  await signIn({ id: paulUser.id, email: paulUser.email, password, role: 'agent', organizationId: org });
  await expect(page.getByTestId('effective-status')).toHaveText('Available');

  // Paul's phone answers, holds and resumes by re-INVITE, then transfers to Léa (302) by REFER.
  const paulPhone = await phoneOf(rt, paul.sipUsername, scenario(
    ...agentAnswersAfter(500),
    '<pause milliseconds="4000"/>',
    ...agentReinvite(101, 'sendonly', 2),
    '<pause milliseconds="4000"/>',
    ...agentReinvite(102, 'sendrecv', 3),
    '<pause milliseconds="4000"/>',
    agentRequest('REFER', 103, 'Refer-To: <sip:302@127.0.0.1>\nReferred-By: <sip:agent@[local_ip]>\n'),
    '<recv response="202"/>',
    '<recv request="NOTIFY"/>', reply('200 OK'),
    '<recv request="NOTIFY"/>', reply('200 OK'),
    '<recv request="BYE"/>',
    reply('200 OK'),
  ), { timeoutS: 120 });
  const leaPhone = await agentPhone(lea.sipUsername);
  const caller = runSipp(scenario(
    callerInvite(number),
    '<recv response="100" optional="true"/>',
    '<recv response="180" optional="true"/>',
    '<recv response="183" optional="true"/>',
    '<recv response="200" rrs="true"/>',
    ack,
    '<recv request="BYE"/>',
    reply('200 OK'),
  ), `127.0.0.1:${rt.edge.sipPort}`, ['-m', '1'], { timeoutS: 120 });

  const card = page.getByTestId('call-card');
  await expect(card.getByTestId('call-state')).toHaveText('In conversation', { timeout: 30_000 });
  await expect(card.getByTestId('call-group')).toHaveText('Ventes');
  // The phone's hold: the console follows (Resume offered), then its resume.
  await expect(card.getByTestId('call-state')).toHaveText('On hold', { timeout: 15_000 });
  await expect(card.getByRole('button', { name: 'Resume' })).toBeVisible();
  await expect(card.getByTestId('call-state')).toHaveText('In conversation', { timeout: 15_000 });
  await expect(card.getByRole('button', { name: 'Hold', exact: true })).toBeVisible();
  // The phone's REFER: Léa answers, Paul's phone is released, the call leaves his console.
  expect(sippOk(await paulPhone.done)).toBe('ok');
  await expect(card).toHaveCount(0);
  await snapshot('agent-console-en-after-phone-transfer');

  const call = await eventually(() => [...rt.calls.active.values()].find((c) => c.endpoint.bridgedTo) ?? null, 'the call bridged to Léa', 30_000);
  // The end, as a supervisor's hang-up command (the admin's code for POST /api/calls/:id/commands).
  const supervisor = await createUserWithPassword(rt.prisma, { organizationId: org, email: `sup-${randomBytes(4).toString('hex')}@test.relais.local`, name: 'Sup', role: 'supervisor', password, locale: 'en' });
  await sendCallCommand({ id: supervisor.id, organizationId: org, role: 'supervisor' }, call.id, { type: 'hangup' }, { prisma: rt.prisma });
  const [c, l] = await Promise.all([caller.done, leaPhone.done]);
  expect(sippOk(c)).toBe('ok');
  expect(sippOk(l)).toBe('ok');
});

test('agent console: a user who is not an agent is told so; a supervisor sees the console link', async ({ page, prisma, admin, signIn }) => {
  const supervisor = await createUserWithPassword(prisma, { organizationId: admin.organizationId, email: `sup-${randomBytes(4).toString('hex')}@test.relais.local`, name: 'Sup', role: 'supervisor', password: 'sup-password-1234', locale: 'en' });
  await signIn({ id: supervisor.id, email: supervisor.email, password: 'sup-password-1234', role: 'supervisor', organizationId: admin.organizationId });
  await page.getByRole('navigation').getByRole('link', { name: 'Agent console' }).click();
  await expect(page).toHaveURL(/\/agent$/);
  await expect(page.getByTestId('not-an-agent')).toContainText('Your user is not linked to an agent');
});
