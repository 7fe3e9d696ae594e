/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read arbitrary JSON answers */
// The call history API over real HTTP: a seeded set of calls with known values comes back newest
// first with its names and links; every filter selects exactly the expected calls (the period's
// days read in the organisation's time zone); cursor pages never repeat or skip a call, even
// among calls started in the same millisecond and while new calls arrive; the CSV export holds
// the whole filtered set in French or English; bad parameters name their field; agents and other
// organisations see nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, testPrisma } from '../support/context';
import { createOrganizationWithUsers } from '../support/factories';
import { api, signIn } from '../support/http';
import { seedAgent, seedCall, seedDemoFlow, seedEvents, silentWav } from '../support/seed-calls';

type Client = ReturnType<typeof api>;
let admin: Client;
let supervisor: Client;
let agent: Client;
let outsider: Client;
let adminCookie: string;
let bulkAdmin: Client;
let orgId: string;
const ids: Record<string, string> = {};
const ref: Record<string, string> = {};
const TIES = ['tie-a', 'tie-b', 'tie-c', 'tie-d', 'tie-e'];

const list = async (query = '', client: Client = admin) => {
  const res = await client.get(`/api/calls${query ? `?${query}` : ''}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: any[]; nextCursor: string | null };
};
const idsOf = (items: { id: string }[]) => items.map((c) => c.id);
const byName = (...names: string[]) => names.map((n) => ids[n]);

/** Every page of a query, `limit` at a time. */
async function allPages(query: string, limit: number, between?: () => Promise<void>): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await list(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    out.push(...idsOf(page.items));
    cursor = page.nextCursor;
    if (between) await between();
  } while (cursor);
  return out;
}

async function csv(query: string): Promise<{ status: number; type: string | null; disposition: string | null; text: string; bytes: Buffer }> {
  const res = await fetch(`${baseUrl()}/api/calls/export.csv${query ? `?${query}` : ''}`, { headers: { cookie: adminCookie } });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), text: bytes.toString('utf8'), bytes };
}

beforeAll(async () => {
  const prisma = testPrisma();
  const a = await createOrganizationWithUsers(prisma, 'History A');
  const b = await createOrganizationWithUsers(prisma, 'History B');
  const c = await createOrganizationWithUsers(prisma, 'History bulk');
  orgId = a.organization.id;
  const sessions = await Promise.all([a.admin, a.supervisor, a.agent, b.admin, c.admin].map(signIn));
  adminCookie = sessions[0].cookie;
  [admin, supervisor, agent, outsider, bulkAdmin] = sessions.map(api);

  const { flow, version } = await seedDemoFlow(prisma, orgId);
  const other = await seedDemoFlow(prisma, orgId, 'Support');
  const accueil = await prisma.queueGroup.create({ data: { organizationId: orgId, name: 'Accueil' } });
  const ventes = await prisma.queueGroup.create({ data: { organizationId: orgId, name: 'Ventes' } });
  const alice = await seedAgent(prisma, orgId, 'Alice');
  const bruno = await seedAgent(prisma, orgId, 'Bruno');
  Object.assign(ref, { flowId: flow.id, otherFlowId: other.flow.id, accueil: accueil.id, ventes: ventes.id, alice: alice.id, bruno: bruno.id });
  const f = { id: flow.id, versionId: version.id };
  const base = { organizationId: orgId, flow: f };

  ids.answered = await seedCall(prisma, { ...base, startedAt: '2026-03-02T09:00:00Z', endsAfter: 90, caller: '+33611111111', outcome: 'answered', groupId: accueil.id, agentIds: [alice.id], waitMs: 5000, talkMs: 60000 });
  ids.abandoned = await seedCall(prisma, { ...base, startedAt: '2026-03-02T09:10:00Z', endsAfter: 20, caller: '+33622222222', entryNumber: '+33199000002', outcome: 'abandoned' });
  ids.cancelled = await seedCall(prisma, { ...base, startedAt: '2026-03-02T09:20:00Z', endsAfter: 40, caller: '+33611112222', outcome: 'cancelled', groupId: ventes.id, waitMs: 12000 });
  ids.noAnswer = await seedCall(prisma, { ...base, startedAt: '2026-03-02T09:30:00Z', endsAfter: 70, caller: '+33633333333', outcome: 'no_answer', groupId: accueil.id, waitMs: 30000 });
  ids.busy = await seedCall(prisma, { organizationId: orgId, flow: { id: other.flow.id, versionId: other.version.id }, startedAt: '2026-03-02T09:40:00Z', endsAfter: 10, caller: '+33644444444', outcome: 'busy', groupId: ventes.id, waitMs: 1000 });
  ids.flowEnd = await seedCall(prisma, { ...base, startedAt: '2026-03-02T09:50:00Z', endsAfter: 15, caller: null, outcome: null });
  ids.inProgress = await seedCall(prisma, { ...base, startedAt: '2026-03-02T10:00:00Z', caller: '+33655555555' });
  // 23:30 UTC on 1 March is 00:30 on 2 March in Paris (the organisation's time zone).
  ids.transferred = await seedCall(prisma, { ...base, startedAt: '2026-03-01T23:30:00Z', endsAfter: 300, caller: '+33666666666', outcome: 'answered', groupId: accueil.id, agentIds: [alice.id, bruno.id], waitMs: 8000, talkMs: 250000, transferCount: 1 });
  // Five calls in the same millisecond: the cursor pages by (startedAt, id).
  for (const id of TIES) ids[id] = await seedCall(prisma, { ...base, id: `${id}-${orgId}`, startedAt: '2026-03-01T12:00:00.000Z', endsAfter: 30, caller: '+33677777777', outcome: 'abandoned' });

  await prisma.callRecording.create({
    data: { organizationId: orgId, callId: ids.answered, agentId: alice.id, startedBy: 'command', startedAt: new Date('2026-03-02T09:00:10Z'), endedAt: new Date('2026-03-02T09:00:40Z'), durationMs: 30000, endReason: 'stopped', audio: silentWav(100) },
  });
  await prisma.call.update({ where: { id: ids.noAnswer }, data: { voicemail: true } });
  await prisma.voicemail.create({ data: { organizationId: orgId, callId: ids.noAnswer, mailboxKind: 'group', groupId: accueil.id, caller: '+33633333333', durationMs: 12000, audio: silentWav(100) } });
  await seedEvents(prisma, ids.answered, '2026-03-02T09:00:00Z', [
    { after: 0, kind: 'call-started' },
    { after: 0, kind: 'node-entered', nodeId: 'welcome', nodeType: 'message' },
    { after: 4, kind: 'output-taken', nodeId: 'welcome', nodeType: 'message', output: 'next' },
    { after: 4, kind: 'node-entered', nodeId: 'menu', nodeType: 'menu' },
    { after: 9, kind: 'output-taken', nodeId: 'menu', nodeType: 'menu', output: '1' },
    { after: 9, kind: 'node-entered', nodeId: 'agents', nodeType: 'queue-group' },
    { after: 9, kind: 'leg', nodeId: 'agents', nodeType: 'queue-group', data: { legId: 'l1', event: 'ringing', agentId: alice.id } },
    { after: 14, kind: 'leg', nodeId: 'agents', nodeType: 'queue-group', data: { legId: 'l1', outcome: 'answered' } },
    { after: 90, kind: 'call-ended', data: { outcome: 'answered', reason: 'caller-hangup' } },
  ]);
  await prisma.callLeg.create({ data: { callId: ids.answered, agentId: alice.id, destination: `agent:${alice.id}`, outcome: 'answered', startedAt: new Date('2026-03-02T09:00:09Z'), answeredAt: new Date('2026-03-02T09:00:14Z'), endedAt: new Date('2026-03-02T09:01:30Z') } });

  // Another organisation: same caller, same numbers, must never show in A.
  const bFlow = await seedDemoFlow(prisma, b.organization.id);
  ids.outsider = await seedCall(prisma, { organizationId: b.organization.id, flow: { id: bFlow.flow.id, versionId: bFlow.version.id }, startedAt: '2026-03-02T09:05:00Z', endsAfter: 60, caller: '+33611111111', outcome: 'answered' });

  // 2,345 calls, to export more than one page of the CSV stream; one agent took them all, another
  // (a transfer target) only the two oldest: both ways of finding an agent's calls are used.
  const busyAgent = await seedAgent(prisma, c.organization.id, 'Camille');
  const rareAgent = await seedAgent(prisma, c.organization.id, 'Dominique');
  Object.assign(ref, { busyAgent: busyAgent.id, rareAgent: rareAgent.id });
  const t0 = Date.parse('2026-02-01T00:00:00Z');
  await prisma.call.createMany({
    data: Array.from({ length: 2345 }, (_, i) => ({
      organizationId: c.organization.id, sipCallId: `bulk-${i}`, entryNumber: '+33199000009', caller: `+3361${String(i).padStart(7, '0')}`, callee: '+33199000009',
      outcome: 'answered' as const, startedAt: new Date(t0 + i * 60_000), endedAt: new Date(t0 + i * 60_000 + 30_000),
      agentId: busyAgent.id, agentIds: i < 2 ? [busyAgent.id, rareAgent.id] : [busyAgent.id], transferCount: i < 2 ? 1 : 0,
    })),
  });
}, 120_000);

const NEWEST_FIRST = ['inProgress', 'flowEnd', 'busy', 'noAnswer', 'cancelled', 'abandoned', 'answered', 'transferred'];

describe('GET /api/calls', () => {
  it('lists the calls newest first with caller, number, flow and version, outcome, times, agents, transfers and links', async () => {
    const page = await list();
    expect(idsOf(page.items).slice(0, 8)).toEqual(byName(...NEWEST_FIRST));
    expect(idsOf(page.items).slice(8).sort()).toEqual(TIES.map((t) => ids[t]).sort());
    expect(page.nextCursor).toBeNull();
    const row = page.items.find((c) => c.id === ids.answered);
    expect(row).toEqual({
      id: ids.answered,
      startedAt: '2026-03-02T09:00:00.000Z',
      endedAt: '2026-03-02T09:01:30.000Z',
      caller: '+33611111111',
      entryNumber: '+33199000001',
      flow: { id: ref.flowId, name: 'Accueil principal' },
      flowVersionNumber: 1,
      canary: false,
      outcome: 'answered',
      durationMs: 90000,
      waitMs: 5000,
      talkMs: 60000,
      group: { id: ref.accueil, name: 'Accueil' },
      agents: [{ id: ref.alice, name: 'Alice' }],
      transferCount: 0,
      voicemails: [],
      recordings: [{ id: expect.any(String), durationMs: 30000, audioUrl: expect.stringMatching(/^\/api\/recordings\/[^/]+\/audio$/) }],
    });
    const transferred = page.items.find((c) => c.id === ids.transferred);
    expect(transferred).toMatchObject({ agents: [{ name: 'Alice' }, { name: 'Bruno' }], transferCount: 1, talkMs: 250000 });
    const noAnswer = page.items.find((c) => c.id === ids.noAnswer);
    expect(noAnswer.voicemails).toEqual([{ id: expect.any(String), durationMs: 12000, audioUrl: expect.stringMatching(/^\/api\/voicemails\/[^/]+\/audio$/) }]);
    // The recording link plays for a supervisor.
    const audio = await fetch(`${baseUrl()}${row.recordings[0].audioUrl}`, { headers: { cookie: adminCookie } });
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe('audio/wav');
    expect(page.items.find((c) => c.id === ids.flowEnd)).toMatchObject({ outcome: 'flow_end', caller: null, waitMs: null, talkMs: null, agents: [] });
    expect(page.items.find((c) => c.id === ids.inProgress)).toMatchObject({ outcome: 'in_progress', endedAt: null, durationMs: null });
  });

  it('filters by outcome, the flow-only end included', async () => {
    expect(idsOf((await list('outcome=answered')).items)).toEqual(byName('answered', 'transferred'));
    expect(idsOf((await list('outcome=cancelled')).items)).toEqual(byName('cancelled'));
    expect(idsOf((await list('outcome=no_answer')).items)).toEqual(byName('noAnswer'));
    expect(idsOf((await list('outcome=busy')).items)).toEqual(byName('busy'));
    expect(idsOf((await list('outcome=flow_end')).items)).toEqual(byName('flowEnd'));
    expect((await list('outcome=abandoned')).items).toHaveLength(1 + TIES.length);
  });

  it('filters by number, flow, group, agent and caller (exact, prefix, typed with spaces)', async () => {
    expect(idsOf((await list('number=%2B33199000002')).items)).toEqual(byName('abandoned'));
    expect(idsOf((await list(`flowId=${ref.otherFlowId}`)).items)).toEqual(byName('busy'));
    expect(idsOf((await list(`groupId=${ref.accueil}`)).items)).toEqual(byName('noAnswer', 'answered', 'transferred'));
    expect(idsOf((await list(`groupId=${ref.ventes}`)).items)).toEqual(byName('busy', 'cancelled'));
    // An agent's calls: every call they talked on, transfers included.
    expect(idsOf((await list(`agentId=${ref.alice}`)).items)).toEqual(byName('answered', 'transferred'));
    expect(idsOf((await list(`agentId=${ref.bruno}`)).items)).toEqual(byName('transferred'));
    expect(idsOf((await list('caller=%2B33611111111')).items)).toEqual(byName('answered'));
    expect(idsOf((await list('caller=%2B3361111')).items)).toEqual(byName('cancelled', 'answered'));
    expect(idsOf((await list('caller=%2B33%206%2011%2011')).items)).toEqual(byName('cancelled', 'answered'));
    expect((await list('caller=%2B339')).items).toEqual([]);
    // Filters combine.
    expect(idsOf((await list(`groupId=${ref.accueil}&outcome=answered&caller=%2B3366`)).items)).toEqual(byName('transferred'));
  });

  it("reads a period's days in the organisation's time zone, and date-times as given", async () => {
    // 2 March in Paris: from 1 March 23:00 UTC to 2 March 23:00 UTC; the 23:30 UTC call is in.
    expect(idsOf((await list('from=2026-03-02&to=2026-03-02')).items)).toEqual(byName(...NEWEST_FIRST));
    expect(idsOf((await list('to=2026-03-01')).items).sort()).toEqual(TIES.map((t) => ids[t]).sort());
    expect(idsOf((await list('from=2026-03-02T09:10:00Z&to=2026-03-02T09:30:00Z')).items)).toEqual(byName('cancelled', 'abandoned'));
    expect(idsOf((await list('from=2026-03-02T10:10:00%2B01:00&to=2026-03-02T10:19:59%2B01:00')).items)).toEqual(byName('abandoned'));
  });

  it('pages by cursor without repeating or skipping a call, among equal timestamps and while calls arrive', async () => {
    const everything = idsOf((await list()).items);
    expect(everything).toHaveLength(13);
    for (const limit of [1, 2, 3, 5]) expect(await allPages('', limit)).toEqual(everything);
    // The five calls of the same millisecond come in id order (descending), the same on every page size.
    const ties = await allPages('to=2026-03-01T12:00:00.001Z&from=2026-03-01T12:00:00Z', 2);
    expect(ties).toEqual(TIES.map((t) => ids[t]).sort().reverse());
    // New calls during the walk do not shift the pages already given (they are newer).
    let n = 0;
    const walked = await allPages('', 4, async () => {
      n++;
      await seedCall(testPrisma(), { organizationId: orgId, startedAt: new Date(Date.now() + n * 1000).toISOString(), endsAfter: 5, caller: '+33699999999', outcome: 'abandoned' });
    });
    expect(walked).toEqual(everything);
    await testPrisma().call.deleteMany({ where: { organizationId: orgId, caller: '+33699999999' } });
  });

  it("finds an agent's calls whether they took thousands or two", async () => {
    const newest = await bulkAdmin.get('/api/calls?limit=3');
    const busy = await bulkAdmin.get(`/api/calls?limit=3&agentId=${ref.busyAgent}`);
    expect(busy.status).toBe(200);
    expect(idsOf(busy.body.items)).toEqual(idsOf(newest.body.items));
    const next = await bulkAdmin.get(`/api/calls?limit=3&agentId=${ref.busyAgent}&cursor=${busy.body.nextCursor}`);
    expect(next.body.items.map((c: any) => c.caller)).toEqual(['+33610002341', '+33610002340', '+33610002339']);
    const rare = await bulkAdmin.get(`/api/calls?agentId=${ref.rareAgent}`);
    expect(rare.body.items.map((c: any) => [c.caller, c.agents.map((a: any) => a.name)])).toEqual([
      ['+33610000001', ['Camille', 'Dominique']],
      ['+33610000000', ['Camille', 'Dominique']],
    ]);
    expect(rare.body.nextCursor).toBeNull();
    const rarePaged = await bulkAdmin.get(`/api/calls?agentId=${ref.rareAgent}&limit=1`);
    const rest = await bulkAdmin.get(`/api/calls?agentId=${ref.rareAgent}&limit=1&cursor=${rarePaged.body.nextCursor}`);
    expect([...rarePaged.body.items, ...rest.body.items].map((c: any) => c.caller)).toEqual(['+33610000001', '+33610000000']);
  });

  it('names the failing parameter of a bad query', async () => {
    const cases: [string, string][] = [
      ['from=yesterday', '/from'],
      ['from=2026-02-30', '/from'],
      ['to=2026-03-02T10:00', '/to'],
      ['from=2026-03-03&to=2026-03-02', '/to'],
      ['number=accueil', '/number'],
      ['flowId=../x', '/flowId'],
      ['groupId=a%20b', '/groupId'],
      ['agentId=%3Cx%3E', '/agentId'],
      ['outcome=hung_up', '/outcome'],
      [`caller=${'1'.repeat(65)}`, '/caller'],
      ['cursor=not-a-cursor', '/cursor'],
      [`cursor=${Buffer.from('2026-13-01|x').toString('base64url')}`, '/cursor'],
      ['limit=0', '/limit'],
      ['limit=1001', '/limit'],
      ['limit=ten', '/limit'],
    ];
    for (const [query, path] of cases) {
      const res = await admin.get(`/api/calls?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error, query).toMatchObject({ code: 'VALIDATION_FAILED', path });
      expect(res.body.error.message, query).toMatch(new RegExp(path.slice(1)));
    }
    const csvRes = await admin.get('/api/calls/export.csv?lang=de');
    expect(csvRes.status).toBe(400);
    expect(csvRes.body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/lang' });
    expect((await admin.get('/api/calls/export.csv?outcome=x')).body.error.path).toBe('/outcome');
  });

  it('is for admins and supervisors, and each organisation sees only its own calls', async () => {
    expect(idsOf((await list('', supervisor)).items)).toHaveLength(13);
    for (const path of ['/api/calls', `/api/calls/${ids.answered}`, '/api/calls/export.csv']) {
      const res = await agent.get(path);
      expect(res.status, path).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect((await api(null).get('/api/calls')).status).toBe(401);
    const theirs = await list('', outsider);
    expect(idsOf(theirs.items)).toEqual([ids.outsider]);
    expect((await list(`flowId=${ref.flowId}`, outsider)).items).toEqual([]);
    expect((await list('caller=%2B33611111111')).items.map((c) => c.id)).not.toContain(ids.outsider);
    expect((await outsider.get(`/api/calls/${ids.answered}`)).status).toBe(404);
    expect((await admin.get(`/api/calls/${ids.outsider}`)).status).toBe(404);
  });
});

describe('GET /api/calls/:id', () => {
  it('gives the call with its path events in order, legs, recordings and voicemails', async () => {
    const res = await admin.get(`/api/calls/${ids.answered}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: ids.answered,
      outcome: 'answered',
      caller: '+33611111111',
      flow: { id: ref.flowId, name: 'Accueil principal' },
      flowVersion: { number: 1, flowId: ref.flowId },
      waitMs: 5000,
      talkMs: 60000,
      agents: [{ id: ref.alice, name: 'Alice' }],
      legs: [{ agent: { id: ref.alice, name: 'Alice' }, outcome: 'answered', answeredAt: '2026-03-02T09:00:14.000Z' }],
      recordings: [{ durationMs: 30000 }],
      voicemails: [],
    });
    expect(res.body.events.map((e: any) => [e.seq, e.kind, e.nodeId, e.output])).toEqual([
      [1, 'call-started', null, null],
      [2, 'node-entered', 'welcome', null],
      [3, 'output-taken', 'welcome', 'next'],
      [4, 'node-entered', 'menu', null],
      [5, 'output-taken', 'menu', '1'],
      [6, 'node-entered', 'agents', null],
      [7, 'leg', 'agents', null],
      [8, 'leg', 'agents', null],
      [9, 'call-ended', null, null],
    ]);
    expect(res.body.events[4].at).toBe('2026-03-02T09:00:09.000Z');
    const vm = await admin.get(`/api/calls/${ids.noAnswer}`);
    expect(vm.body.voicemails).toEqual([{ id: expect.any(String), createdAt: expect.any(String), durationMs: 12000, mailboxKind: 'group', audioUrl: expect.stringMatching(/^\/api\/voicemails\//) }]);
    expect((await admin.get('/api/calls/nope')).status).toBe(404);
  });
});

describe('GET /api/calls/export.csv', () => {
  it('exports the filtered set in English: comma-separated, English headers and labels', async () => {
    const res = await csv('outcome=answered&lang=en');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/csv; charset=utf-8');
    expect(res.disposition).toMatch(/^attachment; filename="calls-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.text.slice(1).split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe('Date,Caller,Number called,Flow,Version,Canary,Outcome,Wait (s),Talk (s),Duration (s),Group,Agents,Transfers,Voicemails,Recordings,Call ID');
    expect(lines.slice(1)).toEqual([
      `2026-03-02 10:00:00,+33611111111,+33199000001,Accueil principal,1,,Answered,5,60,90,Accueil,Alice,0,0,1,${ids.answered}`,
      `2026-03-02 00:30:00,+33666666666,+33199000001,Accueil principal,1,,Answered,8,250,300,Accueil,"Alice, Bruno",1,0,0,${ids.transferred}`,
    ]);
  });

  it("exports in French by the user's choice: semicolons, French headers and outcome labels", async () => {
    const res = await csv('lang=fr&from=2026-03-02&to=2026-03-02');
    expect(res.status).toBe(200);
    expect(res.disposition).toMatch(/filename="appels-/);
    const lines = res.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Date;Appelant;Numéro appelé;Flux;Version;Canari;Statut;Attente (s);Conversation (s);Durée (s);Groupe;Agents;Transferts;Messages vocaux;Enregistrements;Identifiant de l’appel');
    expect(lines).toHaveLength(1 + NEWEST_FIRST.length);
    const outcomes = lines.slice(1).map((l) => l.split(';')[6]);
    expect(outcomes).toEqual(['En cours', 'Fin de parcours', 'Occupé', 'Non répondu', 'Annulé', 'Abandonné', 'Répondu', 'Répondu']);
    expect(lines[2].split(';')[1]).toBe('Numéro masqué');
    expect(lines[4].split(';').slice(13, 15)).toEqual(['1', '0']);
    expect(lines[7].split(';')[11]).toBe('Alice');
    expect(lines[8].split(';')[11]).toBe('Alice, Bruno');
  });

  it('streams every call of a large set, not one page', async () => {
    const res = await bulkAdmin.get('/api/calls/export.csv?lang=en');
    expect(res.status).toBe(200);
    const lines = (res.body as string).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 2345);
    // Newest first, in Paris time (UTC+1 in February), each call once.
    expect(lines[1]).toMatch(/^2026-02-02 16:04:00,\+33610002344,/);
    expect(lines[2345]).toMatch(/^2026-02-01 01:00:00,\+33610000000,/);
    expect(new Set(lines.slice(1).map((l) => l.split(',')[1])).size).toBe(2345);
  });
});
