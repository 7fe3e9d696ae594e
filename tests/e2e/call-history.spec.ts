// The call history as a supervisor uses it: newest calls first with their outcome labels; the
// filters (outcome, caller, agent, period) go into the URL and select exactly the expected calls;
// "Older calls" pages by cursor; a filter matching nothing shows the empty state; the CSV export
// of the filtered set is downloaded, opened and checked (English, then French with semicolons);
// a call's page shows its timeline and its path drawn on the flow's canvas (screenshots kept).
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { seedAgent, seedCall, seedDemoFlow, seedEvents, silentWav } from '@/tests/support/seed-calls';
import { expect, test } from './support/fixtures';

const OLDER = 60;

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const downloading = page.waitForEvent('download');
  await click();
  const file = await downloading;
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

test('call history: filters in the URL, paging, CSV export, French', async ({ page, admin, prisma, signIn, snapshot }) => {
  const org = admin.organizationId;
  const { flow, version } = await seedDemoFlow(prisma, org);
  const f = { id: flow.id, versionId: version.id };
  const accueil = await prisma.queueGroup.create({ data: { organizationId: org, name: 'Accueil' } });
  const alice = await seedAgent(prisma, org, 'Alice');
  const answered = await seedCall(prisma, { organizationId: org, flow: f, startedAt: '2026-03-02T09:00:00Z', endsAfter: 95, caller: '+33611111111', outcome: 'answered', groupId: accueil.id, agentIds: [alice.id], waitMs: 7000, talkMs: 80000 });
  await prisma.callRecording.create({
    data: { organizationId: org, callId: answered, agentId: alice.id, startedBy: 'command', startedAt: new Date('2026-03-02T09:00:20Z'), endedAt: new Date('2026-03-02T09:00:50Z'), durationMs: 30000, endReason: 'stopped', audio: silentWav(200) },
  });
  await seedCall(prisma, { organizationId: org, flow: f, startedAt: '2026-03-02T09:10:00Z', endsAfter: 25, caller: '+33622222222', outcome: 'abandoned' });
  const noAnswer = await seedCall(prisma, { organizationId: org, flow: f, startedAt: '2026-03-02T09:20:00Z', endsAfter: 60, caller: '+33633333333', outcome: 'no_answer', groupId: accueil.id, waitMs: 40000 });
  await prisma.call.update({ where: { id: noAnswer }, data: { voicemail: true } });
  await prisma.voicemail.create({ data: { organizationId: org, callId: noAnswer, mailboxKind: 'group', groupId: accueil.id, caller: '+33633333333', durationMs: 9000, audio: silentWav(200) } });
  for (let i = 0; i < OLDER; i++) {
    await seedCall(prisma, { organizationId: org, flow: f, startedAt: new Date(Date.parse('2026-02-10T08:00:00Z') + i * 3_600_000).toISOString(), endsAfter: 10, caller: `+3378000${String(i).padStart(4, '0')}`, outcome: 'busy', groupId: accueil.id, waitMs: 2000 });
  }

  await signIn(admin);
  await page.getByRole('navigation').getByRole('link', { name: 'Call history' }).click();
  await expect(page).toHaveURL(/\/calls$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Call history' })).toBeVisible();
  const rows = page.getByTestId('call-row');
  await expect(rows).toHaveCount(50);
  await expect(rows.nth(0)).toContainText('+33633333333');
  await expect(rows.nth(0)).toContainText('Not answered');
  await expect(rows.nth(0).getByRole('link', { name: /^Listen to the voicemail left by \+33633333333/ })).toHaveAttribute('href', /^\/api\/voicemails\/.+\/audio$/);
  await expect(rows.nth(1)).toContainText('Abandoned');
  await expect(rows.nth(2)).toContainText('Answered');
  await expect(rows.nth(2)).toContainText('Alice');
  await expect(rows.nth(2)).toContainText('Accueil principal v1');
  await expect(rows.nth(2)).toContainText('0:07');
  await expect(rows.nth(2)).toContainText('1:20');
  await expect(rows.nth(2).getByRole('link', { name: /^Listen to the recording of the call from \+33611111111/ })).toHaveAttribute('href', /^\/api\/recordings\/.+\/audio$/);
  await snapshot('call-history-en');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: 'test-results/screenshots/call-history-viewport-en.png' });

  // Older calls by cursor: the other 13, then back to the newest.
  await page.getByTestId('calls-older').click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(rows).toHaveCount(OLDER + 3 - 50);
  await expect(page.getByTestId('calls-older')).toHaveCount(0);
  await expect(rows.last()).toContainText('+33780000000');
  await page.getByRole('link', { name: 'Newest calls' }).click();
  await expect(rows).toHaveCount(50);

  // Filters go into the URL.
  const filters = page.getByRole('search', { name: 'Filter calls' });
  await filters.getByLabel('Outcome').selectOption({ label: 'Abandoned' });
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/outcome=abandoned/);
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('+33622222222');

  await filters.getByLabel('Outcome').selectOption({ label: 'All outcomes' });
  await filters.getByLabel('Caller').fill('+33 6 11');
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/caller=%2B33\+6\+11/);
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('+33611111111');

  await filters.getByLabel('Caller').fill('');
  await filters.getByLabel('Agent').selectOption({ label: 'Alice' });
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(new RegExp(`agentId=${alice.id}`));
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('Answered');

  // A period with no call: the empty state, and the way back.
  await page.goto('/calls?from=2026-04-01&to=2026-04-30');
  await expect(page.getByLabel('From')).toHaveValue('2026-04-01');
  await expect(page.getByText('No call matches these filters.')).toBeVisible();
  await page.getByRole('link', { name: 'Show all calls' }).click();
  await expect(rows).toHaveCount(50);

  // The CSV of a filtered set holds all of it (more than a page would), English headers.
  await page.goto('/calls?from=2026-02-01&to=2026-02-28&outcome=busy');
  await expect(rows).toHaveCount(50);
  const en = await download(page, () => page.getByTestId('calls-export').click());
  expect(en.name).toMatch(/^calls-\d{4}-\d{2}-\d{2}\.csv$/);
  const enLines = en.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  expect(enLines[0]).toBe('Date,Caller,Number called,Flow,Version,Canary,Outcome,Wait (s),Talk (s),Duration (s),Group,Agents,Transfers,Voicemails,Recordings,Call ID');
  expect(enLines).toHaveLength(1 + OLDER);
  for (const line of enLines.slice(1)) expect(line).toMatch(/^2026-02-\d\d \d\d:00:00,\+3378000\d{4},\+33199000001,Accueil principal,1,,Busy,2,,10,Accueil,,0,0,0,\S+$/);
  // Newest first, in Paris time: the last busy call started 2026-02-12T19:00Z.
  expect(enLines[1].startsWith('2026-02-12 20:00:00,+33780000059,')).toBe(true);

  // French: labels, and a CSV for French Excel (semicolons).
  await page.goto('/calls');
  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'FR' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Historique des appels' })).toBeVisible();
  await expect(rows.nth(0)).toContainText('Non répondu');
  await expect(rows.nth(1)).toContainText('Abandonné');
  await expect(rows.nth(2)).toContainText('Répondu');
  await expect(rows.nth(3)).toContainText('Occupé');
  await snapshot('call-history-fr');
  await page.screenshot({ path: 'test-results/screenshots/call-history-viewport-fr.png' });
  await page.getByRole('search', { name: 'Filtrer les appels' }).getByLabel('Statut').selectOption({ label: 'Répondu' });
  await page.getByRole('button', { name: 'Filtrer', exact: true }).click();
  await expect(rows).toHaveCount(1);
  const fr = await download(page, () => page.getByRole('link', { name: 'Exporter en CSV' }).click());
  expect(fr.name).toMatch(/^appels-/);
  const frLines = fr.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  expect(frLines).toEqual([
    'Date;Appelant;Numéro appelé;Flux;Version;Canari;Statut;Attente (s);Conversation (s);Durée (s);Groupe;Agents;Transferts;Messages vocaux;Enregistrements;Identifiant de l’appel',
    `2026-03-02 10:00:00;+33611111111;+33199000001;Accueil principal;1;;Répondu;7;80;95;Accueil;Alice;0;0;1;${answered}`,
  ]);
  await page.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'EN' }).click();
});

test("call history: a call's timeline and its path on the flow canvas", async ({ page, admin, prisma, signIn, snapshot }) => {
  const org = admin.organizationId;
  const { flow, version } = await seedDemoFlow(prisma, org);
  const start = '2026-03-02T09:10:00Z';
  const id = await seedCall(prisma, { organizationId: org, flow: { id: flow.id, versionId: version.id }, startedAt: start, endsAfter: 21, caller: '+33622222222', outcome: null });
  // Welcome → menu, key 2 → information → goodbye (the flow hangs up: "flow end").
  await seedEvents(prisma, id, start, [
    { after: 0, kind: 'call-started' },
    { after: 0, kind: 'node-entered', nodeId: 'welcome', nodeType: 'message', data: { label: 'Bienvenue' } },
    { after: 4, kind: 'output-taken', nodeId: 'welcome', nodeType: 'message', output: 'next' },
    { after: 4, kind: 'node-entered', nodeId: 'menu', nodeType: 'menu', data: { label: 'Menu' } },
    { after: 11, kind: 'key', nodeId: 'menu', nodeType: 'menu', data: { key: '2', accepted: true } },
    { after: 11, kind: 'output-taken', nodeId: 'menu', nodeType: 'menu', output: '2' },
    { after: 11, kind: 'node-entered', nodeId: 'info', nodeType: 'message', data: { label: 'Information' } },
    { after: 17, kind: 'output-taken', nodeId: 'info', nodeType: 'message', output: 'next' },
    { after: 17, kind: 'node-entered', nodeId: 'bye', nodeType: 'hangup', data: { label: 'Au revoir' } },
    { after: 21, kind: 'call-ended', data: { outcome: null, reason: 'flow-hangup' } },
  ]);

  await signIn(admin);
  await page.goto('/calls');
  await page.getByRole('link', { name: /^Details of the call from \+33622222222/ }).click();
  await expect(page).toHaveURL(new RegExp(`/calls/${id}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Call from +33622222222' })).toBeVisible();
  await expect(page.getByTestId('call-outcome')).toHaveText('Flow end');

  const timeline = page.getByTestId('call-timeline').locator('li');
  await expect(timeline).toHaveCount(10);
  await expect(timeline.nth(0)).toContainText('10:10:00');
  await expect(timeline.nth(0)).toContainText('Call received');
  await expect(timeline.nth(3)).toContainText('Step Menu');
  await expect(timeline.nth(4)).toContainText('10:10:11');
  await expect(timeline.nth(4)).toContainText('+0:11');
  await expect(timeline.nth(4)).toContainText('Key 2 pressed');
  await expect(timeline.nth(5)).toContainText('Left by the output');
  await expect(timeline.nth(8)).toContainText('Step Au revoir (Hang up)');
  await expect(timeline.nth(9)).toContainText('Call ended');

  // The path on the canvas: four steps visited in order with their times, three outputs taken.
  const canvas = page.getByTestId('call-path-canvas');
  await expect(canvas.getByTestId('path-node')).toHaveCount(6);
  const visited = canvas.locator('[data-testid="path-node"][data-visited="true"]');
  await expect(visited).toHaveCount(4);
  await expect(visited.filter({ hasText: 'Information' })).toContainText('3 10:10:11');
  await expect(visited.filter({ hasText: 'Au revoir' })).toContainText('4 10:10:17');
  await expect(canvas.locator('[data-testid="path-node"][data-visited="false"]').filter({ hasText: 'Accueil' })).toHaveCount(1);
  await expect(canvas.locator('.react-flow__edge.path-edge-taken')).toHaveCount(3);
  await expect(canvas.locator('.react-flow__edge.path-edge-other')).toHaveCount(3);
  await expect(canvas.getByText('Information · 10:10:11')).toBeVisible();
  await snapshot('call-path-en');

  await page.setViewportSize({ width: 1280, height: 720 });
  await canvas.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/call-path-viewport-en.png' });

  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'FR' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Appel de +33622222222' })).toBeVisible();
  await expect(page.getByTestId('call-outcome')).toHaveText('Fin de parcours');
  await expect(timeline.nth(4)).toContainText('Touche 2 appuyée');
  await expect(canvas.getByText('Information · 10:10:11')).toBeVisible();
  await snapshot('call-path-fr');
  await page.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'EN' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Call from +33622222222' })).toBeVisible();

  // An answered call: the phones rung and their results, the hold and the transfer.
  const alice = await seedAgent(prisma, org, 'Alice');
  const bruno = await seedAgent(prisma, org, 'Bruno');
  const t0 = '2026-03-02T11:00:00Z';
  const answered = await seedCall(prisma, { organizationId: org, flow: { id: flow.id, versionId: version.id }, startedAt: t0, endsAfter: 200, caller: '+33688888888', outcome: 'answered', agentIds: [alice.id, bruno.id], waitMs: 6000, talkMs: 186000, transferCount: 1 });
  await seedEvents(prisma, answered, t0, [
    { after: 0, kind: 'call-started' },
    { after: 8, kind: 'node-entered', nodeId: 'agents', nodeType: 'queue-group' },
    { after: 8, kind: 'leg', nodeId: 'agents', nodeType: 'queue-group', data: { legId: 'l1', event: 'ringing', agentId: bruno.id } },
    { after: 8, kind: 'leg', nodeId: 'agents', nodeType: 'queue-group', data: { legId: 'l2', event: 'ringing', agentId: alice.id } },
    { after: 13, kind: 'leg', nodeId: 'agents', nodeType: 'queue-group', data: { legId: 'l1', outcome: 'cancelled' } },
    { after: 14, kind: 'leg', nodeId: 'agents', nodeType: 'queue-group', data: { legId: 'l2', outcome: 'answered' } },
    { after: 40, kind: 'hold', nodeId: 'agents', data: { by: 'command', legId: 'l2', agentId: alice.id } },
    { after: 55, kind: 'resume', nodeId: 'agents', data: { by: 'command', legId: 'l2', agentId: alice.id } },
    { after: 60, kind: 'transfer', nodeId: 'agents', data: { by: 'command', mode: 'cold', result: 'answered', attempt: 1, toAgentId: bruno.id } },
    { after: 200, kind: 'call-ended', data: { outcome: 'answered', reason: 'caller-hangup' } },
  ]);
  await prisma.callLeg.createMany({
    data: [
      { callId: answered, agentId: bruno.id, destination: `agent:${bruno.id}`, outcome: 'cancelled', startedAt: new Date('2026-03-02T11:00:08Z'), endedAt: new Date('2026-03-02T11:00:13Z') },
      { callId: answered, agentId: alice.id, destination: `agent:${alice.id}`, outcome: 'answered', startedAt: new Date('2026-03-02T11:00:08Z'), answeredAt: new Date('2026-03-02T11:00:14Z'), endedAt: new Date('2026-03-02T11:01:00Z') },
    ],
  });
  await page.goto(`/calls/${answered}`);
  await expect(page.getByTestId('call-outcome')).toHaveText('Answered');
  await expect(timeline).toHaveCount(10);
  await expect(timeline.nth(2)).toContainText('Rang Bruno');
  await expect(timeline.nth(4)).toContainText('Bruno: stopped ringing');
  await expect(timeline.nth(5)).toContainText('Alice: answered');
  await expect(timeline.nth(6)).toContainText('Put on hold');
  await expect(timeline.nth(7)).toContainText('Taken off hold');
  await expect(timeline.nth(8)).toContainText('Transfer (blind) to Bruno: answered');
  await expect(page.getByTestId('call-leg')).toHaveCount(2);
  await expect(page.getByTestId('call-leg').nth(1)).toContainText('Alice');
  await expect(page.getByTestId('call-leg').nth(1)).toContainText('answered');
  await expect(canvas.locator('[data-testid="path-node"][data-visited="true"]')).toHaveCount(1);
  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'FR' }).click();
  await expect(timeline.nth(8)).toContainText('Transfert (direct) vers Bruno : répondu');
  await page.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'EN' }).click();
});
