// Statistics over the REST API (issue 15, contract C2): a seeded set of calls with known
// outcomes gives the exact figures per group, agent and period — answer rate, service level
// (per group's serviceLevelSeconds), average and 90th-percentile wait (percentile_cont) —
// with days in Europe/Paris: a call at 23:30 UTC belongs to the next day, and the day of the
// October DST change lasts 25 hours. Also: the comparison period, the heat map, the CSV, the
// validation of every parameter (the failing one named), roles, other organisations' calls,
// and the group's service level field.
import { beforeAll, describe, expect, it } from 'vitest';
import { computeStats, type StatsReport, type StatsRequest } from '@/app/lib/stats/compute-stats';
import { testPrisma } from '../support/context';
import { createOrganizationWithUsers } from '../support/factories';
import { api, signIn } from '../support/http';

type Client = ReturnType<typeof api>;
let admin: Client;
let supervisor: Client;
let agent: Client;
let organizationId: string;
const g = { support: '', sales: '' };
const a = { alice: '', bob: '' };

interface Seed {
  at: string;
  outcome: 'answered' | 'abandoned' | 'cancelled' | 'no_answer' | 'busy' | null;
  group?: 'support' | 'sales';
  agent?: 'alice' | 'bob';
  waitS?: number;
  talkS?: number;
  transfers?: number;
  voicemail?: boolean;
  callback?: 'done' | 'pending';
  ended?: boolean;
  number?: string;
}

const SUPPORT_LINE = '+33100000001';
const SALES_LINE = '+33100000002';

async function seed(orgId: string, call: Seed, n: number) {
  const started = new Date(call.at);
  const queued = call.waitS !== undefined;
  const waitMs = queued ? call.waitS! * 1000 : null;
  const queuedAt = queued ? new Date(started.getTime() + 5000) : null;
  const agentAnsweredAt = call.outcome === 'answered' && queuedAt ? new Date(queuedAt.getTime() + waitMs!) : null;
  const talkMs = call.talkS !== undefined ? call.talkS * 1000 : null;
  const endedAt = call.ended === false ? null : new Date(started.getTime() + 5000 + (waitMs ?? 0) + (talkMs ?? 0) + 1000);
  const row = await testPrisma().call.create({
    data: {
      organizationId: orgId,
      sipCallId: `stats-${n}-${orgId}`,
      entryNumber: call.number ?? (call.group === 'sales' ? SALES_LINE : SUPPORT_LINE),
      callee: call.number ?? SUPPORT_LINE,
      caller: `+3361234${String(n).padStart(4, '0')}`,
      outcome: call.outcome,
      startedAt: started,
      answeredAt: started,
      endedAt,
      groupId: call.group ? g[call.group] : null,
      agentId: call.agent ? a[call.agent] : null,
      agentIds: call.agent ? (call.transfers ? [a[call.agent], a.alice] : [a[call.agent]]) : [],
      queuedAt,
      agentAnsweredAt,
      waitMs,
      talkMs,
      transferCount: call.transfers ?? 0,
      voicemail: call.voicemail ?? false,
      callbackRequested: call.callback !== undefined,
    },
  });
  if (call.callback) {
    await testPrisma().callbackRequest.create({ data: { organizationId: orgId, callId: row.id, number: row.caller!, status: call.callback, createdAt: endedAt ?? started } });
  }
}

// 2026-11-10 is a Tuesday; Paris is UTC+1 in November.
const CALLS: Seed[] = [
  { at: '2026-11-10T08:00:00Z', outcome: 'answered', group: 'support', agent: 'alice', waitS: 10, talkS: 60 },
  { at: '2026-11-10T08:10:00Z', outcome: 'answered', group: 'support', agent: 'alice', waitS: 25, talkS: 120 },
  { at: '2026-11-10T09:00:00Z', outcome: 'answered', group: 'support', agent: 'bob', waitS: 5, talkS: 30, transfers: 1 },
  { at: '2026-11-10T09:30:00Z', outcome: 'cancelled', group: 'support', waitS: 40, callback: 'done' },
  { at: '2026-11-10T10:00:00Z', outcome: 'no_answer', group: 'support', waitS: 60 },
  { at: '2026-11-10T10:30:00Z', outcome: 'answered', group: 'sales', agent: 'bob', waitS: 28, talkS: 90 },
  { at: '2026-11-10T11:00:00Z', outcome: 'busy', group: 'sales', waitS: 0 },
  { at: '2026-11-10T12:00:00Z', outcome: 'abandoned' },
  { at: '2026-11-10T13:00:00Z', outcome: null, voicemail: true, callback: 'pending' },
  // In progress: not counted until it ends.
  { at: '2026-11-10T14:00:00Z', outcome: null, ended: false },
  // 23:30 UTC on the 10th is 00:30 on the 11th in Paris.
  { at: '2026-11-10T23:30:00Z', outcome: 'answered', group: 'support', agent: 'alice', waitS: 15, talkS: 45 },
  // 23:30 UTC on the 9th is 00:30 on the 10th in Paris: counted on the 10th.
  { at: '2026-11-09T23:30:00Z', outcome: 'answered', group: 'support', agent: 'alice', waitS: 8, talkS: 50 },
  // 22:30 UTC on the 9th is 23:30 on the 9th in Paris: the comparison day.
  { at: '2026-11-09T22:30:00Z', outcome: 'answered', group: 'support', agent: 'bob', waitS: 30, talkS: 100 },
  // The end of summer time, Sunday 2026-10-25 (03:00 CEST → 02:00 CET): the Paris day runs
  // from 2026-10-24T22:00Z to 2026-10-25T23:00Z (25 hours).
  { at: '2026-10-24T21:30:00Z', outcome: 'abandoned' }, // Saturday 23:30 CEST
  { at: '2026-10-24T22:30:00Z', outcome: 'abandoned' }, // Sunday 00:30 CEST
  { at: '2026-10-25T22:30:00Z', outcome: 'abandoned' }, // Sunday 23:30 CET
  { at: '2026-10-25T23:30:00Z', outcome: 'abandoned' }, // Monday 00:30 CET
];

beforeAll(async () => {
  const prisma = testPrisma();
  const org = await createOrganizationWithUsers(prisma, 'Stats');
  organizationId = org.organization.id;
  admin = api(await signIn(org.admin));
  supervisor = api(await signIn(org.supervisor));
  agent = api(await signIn(org.agent));
  for (const [key, name] of [['alice', 'Alice'], ['bob', 'Bob']] as const) {
    a[key] = (await prisma.agent.create({ data: { organizationId, name, sipUsername: `stats-${name}-${organizationId}`, sipRealm: 'relais.local', sipHa1: '0'.repeat(32) } })).id;
  }
  g.support = (await prisma.queueGroup.create({ data: { organizationId, name: 'Support', serviceLevelSeconds: 20 } })).id;
  g.sales = (await prisma.queueGroup.create({ data: { organizationId, name: 'Sales', serviceLevelSeconds: 30 } })).id;
  for (const [i, call] of CALLS.entries()) await seed(organizationId, call, i);

  // Another organisation's calls on the same day are never counted.
  const other = await createOrganizationWithUsers(prisma, 'Other');
  for (let i = 0; i < 3; i++) await seed(other.organization.id, { at: '2026-11-10T09:00:00Z', outcome: 'answered', waitS: 1, talkS: 1 }, 100 + i);
}, 60_000);

const stats = (client: Client, query: Record<string, string>) => client.get(`/api/stats?${new URLSearchParams(query)}`);

describe('GET /api/stats', () => {
  it('gives the exact figures of a Paris day in total and per group, with the calls of 23:30 UTC on the right day', async () => {
    const res = await stats(supervisor, { from: '2026-11-10', to: '2026-11-10', by: 'group' });
    expect(res.status).toBe(200);
    expect(res.body.tz).toBe('Europe/Paris');
    expect(res.body.period).toEqual({ from: '2026-11-10', to: '2026-11-10', start: '2026-11-09T23:00:00.000Z', end: '2026-11-10T23:00:00.000Z' });
    // Calls 1–9 and the one at 23:30 UTC the day before; not the call in progress, not the one at 23:30 UTC that evening.
    expect(res.body.totals.current).toEqual({
      offered: 10,
      answered: 5,
      answerRate: 0.5,
      queued: 8,
      answeredInTime: 4,
      serviceLevel: 0.5,
      abandonedInIvr: 1,
      cancelledWhileRinging: 1,
      noAnswer: 1,
      busy: 1,
      flowEnd: 1,
      avgWaitMs: 22_000,
      // waits 0 5 8 10 25 28 40 60 s: percentile_cont(0.9) = 40 + 0.3 × 20
      p90WaitMs: 46_000,
      avgTalkMs: 70_000,
      transfers: 1,
      callbacksRequested: 2,
      callbacksCompleted: 1,
      voicemails: 1,
    });
    expect(res.body.totals.previous).toBeNull();
    const rows = Object.fromEntries(res.body.rows.map((r: { label: string | null }) => [r.label ?? '-', r]));
    expect(Object.keys(rows)).toEqual(['Support', 'Sales', '-']);
    // Support (20 s): 10 25 5 40 60 8 s waited; 10, 5 and 8 answered in time.
    expect(rows.Support.key).toBe(g.support);
    expect(rows.Support.current).toMatchObject({ offered: 6, answered: 4, answerRate: 0.6667, queued: 6, answeredInTime: 3, serviceLevel: 0.5, p90WaitMs: 50_000, avgWaitMs: 24_667, cancelledWhileRinging: 1, noAnswer: 1, transfers: 1 });
    // Sales (30 s): 28 s is in time for Sales (it would not be for Support).
    expect(rows.Sales.current).toMatchObject({ offered: 2, answered: 1, answerRate: 0.5, queued: 2, answeredInTime: 1, serviceLevel: 0.5, p90WaitMs: 25_200, busy: 1 });
    expect(rows['-'].key).toBeNull();
    expect(rows['-'].current).toMatchObject({ offered: 2, answered: 0, answerRate: 0, queued: 0, serviceLevel: null, p90WaitMs: null, avgWaitMs: null, abandonedInIvr: 1, flowEnd: 1, voicemails: 1 });
    expect(res.body.outcomes.current).toEqual({ answered: 5, abandoned: 1, cancelled: 1, no_answer: 1, busy: 1, flow_end: 1 });
  });

  it('gives the figures per agent with the comparison period (the Paris day before)', async () => {
    const res = await stats(admin, { from: '2026-11-10', to: '2026-11-10', compareFrom: '2026-11-09', compareTo: '2026-11-09', by: 'agent' });
    expect(res.status).toBe(200);
    const rows = Object.fromEntries(res.body.rows.map((r: { label: string | null }) => [r.label ?? '-', r]));
    // Alice: 10 25 8 s in Support (20 s): two in time; p90 = 10 + 0.8 × 15.
    expect(rows.Alice.current).toMatchObject({ offered: 3, answered: 3, answerRate: 1, answeredInTime: 2, serviceLevel: 0.6667, p90WaitMs: 22_000, avgTalkMs: 76_667 });
    expect(rows.Alice.previous).toMatchObject({ offered: 0, answered: 0, answerRate: null });
    // Bob: 5 s in Support, 28 s in Sales (30 s): both in time; the day before, 30 s in Support: late.
    expect(rows.Bob.current).toMatchObject({ offered: 2, answered: 2, serviceLevel: 1, p90WaitMs: 25_700, transfers: 1 });
    expect(rows.Bob.previous).toMatchObject({ offered: 1, answered: 1, serviceLevel: 0, p90WaitMs: 30_000, avgTalkMs: 100_000 });
    expect(rows['-'].current).toMatchObject({ offered: 5, answered: 0 });
    expect(res.body.comparison).toMatchObject({ from: '2026-11-09', to: '2026-11-09', start: '2026-11-08T23:00:00.000Z' });
    expect(res.body.totals.previous).toMatchObject({ offered: 1, answered: 1, answerRate: 1, serviceLevel: 0 });
    expect(res.body.outcomes.previous).toEqual({ answered: 1, abandoned: 0, cancelled: 0, no_answer: 0, busy: 0, flow_end: 0 });
  });

  it('counts the 25-hour day of the DST change and places calls in the heat map at their local hour', async () => {
    const day = await stats(admin, { from: '2026-10-25', to: '2026-10-25' });
    expect(day.body.period).toMatchObject({ start: '2026-10-24T22:00:00.000Z', end: '2026-10-25T23:00:00.000Z' });
    expect(day.body.totals.current.offered).toBe(2);
    expect(day.body.timeline.unit).toBe('hour');
    expect(day.body.timeline.points).toEqual([
      { at: '2026-10-25T00', offered: 1, answered: 0 },
      { at: '2026-10-25T23', offered: 1, answered: 0 },
    ]);
    const week = await stats(admin, { from: '2026-10-19', to: '2026-10-25', tz: 'Europe/Paris' });
    expect(week.body.totals.current.offered).toBe(3);
    expect(week.body.heatMap).toHaveLength(168);
    const hot = week.body.heatMap.filter((c: { calls: number }) => c.calls > 0);
    expect(hot).toEqual([
      { dayOfWeek: 6, hour: 23, calls: 1 },
      { dayOfWeek: 7, hour: 0, calls: 1 },
      { dayOfWeek: 7, hour: 23, calls: 1 },
    ]);
    expect(week.body.timeline).toEqual({ unit: 'day', points: [{ at: '2026-10-24', offered: 1, answered: 0 }, { at: '2026-10-25', offered: 2, answered: 0 }] });
    // The same days in UTC: the calls of 23:30 and 22:30 UTC move.
    const utc = await stats(admin, { from: '2026-10-25', to: '2026-10-25', tz: 'UTC' });
    expect(utc.body.totals.current.offered).toBe(2);
    expect(utc.body.timeline.points.map((p: { at: string }) => p.at)).toEqual(['2026-10-25T22', '2026-10-25T23']);
  });

  it('gives the figures per number over two days', async () => {
    const res = await stats(admin, { from: '2026-11-10', to: '2026-11-11', by: 'number' });
    const rows = Object.fromEntries(res.body.rows.map((r: { key: string; current: unknown }) => [r.key, r.current]));
    expect(rows[SUPPORT_LINE]).toMatchObject({ offered: 9, answered: 5 });
    expect(rows[SALES_LINE]).toMatchObject({ offered: 2, answered: 1 });
    expect(res.body.timeline.points).toEqual([
      { at: '2026-11-10', offered: 10, answered: 5 },
      { at: '2026-11-11', offered: 1, answered: 1 },
    ]);
  });

  it('names the failing parameter', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ to: '2026-11-10' }, '/from'],
      [{ from: '2026-11-10' }, '/to'],
      [{ from: '10/11/2026', to: '2026-11-10' }, '/from'],
      [{ from: '2026-11-10', to: '2026-11-09' }, '/to'],
      [{ from: '2026-11-10', to: '2026-02-30' }, '/to'],
      [{ from: '2020-01-01', to: '2026-11-10' }, '/to'],
      [{ from: '2026-11-10', to: '2026-11-10', compareFrom: '2026-11-09' }, '/compareTo'],
      [{ from: '2026-11-10', to: '2026-11-10', by: 'caller' }, '/by'],
      [{ from: '2026-11-10', to: '2026-11-10', tz: 'Mars/Olympus' }, '/tz'],
    ];
    for (const [query, path] of cases) {
      const res = await stats(admin, query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.error, JSON.stringify(query)).toMatchObject({ code: 'VALIDATION_FAILED', path });
    }
  });

  it('is for admins and supervisors only', async () => {
    expect((await stats(agent, { from: '2026-11-10', to: '2026-11-10' })).status).toBe(403);
    expect((await agent.get('/api/stats/export.csv?from=2026-11-10&to=2026-11-10')).status).toBe(403);
    expect((await api(null).get('/api/stats?from=2026-11-10&to=2026-11-10')).status).toBe(401);
  });
});

describe('the daily rollup (periods of more than 5,000 calls)', () => {
  const NOW = new Date('2026-12-01T12:00:00Z');
  const both = async (request: StatsRequest): Promise<[StatsReport, StatsReport]> => [
    await computeStats(testPrisma(), organizationId, request, { now: NOW }),
    await computeStats(testPrisma(), organizationId, request, { now: NOW, exactMaxCalls: 0 }),
  ];

  it('gives the figures of the calls themselves, p90 within its wait bucket', async () => {
    for (const request of [
      { period: { from: '2026-11-10', to: '2026-11-10' }, comparison: { from: '2026-11-09', to: '2026-11-09' }, by: 'group', tz: 'Europe/Paris' },
      { period: { from: '2026-11-09', to: '2026-11-11' }, comparison: null, by: 'agent', tz: 'Europe/Paris' },
      { period: { from: '2026-10-19', to: '2026-10-25' }, comparison: null, by: 'number', tz: 'Europe/Paris' },
      { period: { from: '2026-11-10', to: '2026-11-10' }, comparison: null, by: 'flow', tz: 'UTC' },
    ] as StatsRequest[]) {
      const [exact, rolled] = await both(request);
      expect(exact.exactPercentiles).toBe(true);
      expect(rolled.exactPercentiles).toBe(false);
      const withoutP90 = (r: StatsReport) => ({
        totals: { current: { ...r.totals.current, p90WaitMs: 0 }, previous: r.totals.previous && { ...r.totals.previous, p90WaitMs: 0 } },
        rows: r.rows.map((row) => ({ key: row.key, current: { ...row.current, p90WaitMs: 0 }, previous: row.previous && { ...row.previous, p90WaitMs: 0 } })),
        heatMap: r.heatMap,
        timeline: r.timeline,
        outcomes: r.outcomes,
      });
      expect(withoutP90(rolled), JSON.stringify(request)).toEqual(withoutP90(exact));
      for (const [i, row] of exact.rows.entries()) {
        const p90 = rolled.rows[i].current.p90WaitMs;
        if (row.current.p90WaitMs === null) expect(p90).toBeNull();
        else expect(Math.abs(p90! - row.current.p90WaitMs)).toBeLessThanOrEqual(10_000);
      }
    }
    // Support on 2026-11-10: waits 5 8 10 25 40 60 s; rank 4.5 lies between the 40 s of [40, 50)
    // and the 60 s of [60, 75), placed mid-bucket: 45 + 0.5 × (67.5 − 45) (exact: 50 s).
    const [, rolled] = await both({ period: { from: '2026-11-10', to: '2026-11-10' }, comparison: null, by: 'group', tz: 'Europe/Paris' });
    expect(rolled.rows.find((r) => r.label === 'Support')!.current.p90WaitMs).toBe(56_250);
  });

  it('counts a call recorded late for a day already summed, and forgets it when it is deleted', async () => {
    const request: StatsRequest = { period: { from: '2026-11-10', to: '2026-11-10' }, comparison: null, by: 'group', tz: 'Europe/Paris' };
    const rolled = () => computeStats(testPrisma(), organizationId, request, { now: NOW, exactMaxCalls: 0 });
    expect((await rolled()).totals.current.offered).toBe(10);
    const late = await testPrisma().call.create({
      data: {
        organizationId, sipCallId: `stats-late-${organizationId}`, entryNumber: SALES_LINE, callee: SALES_LINE, outcome: 'answered',
        startedAt: new Date('2026-11-10T15:00:00Z'), endedAt: new Date('2026-11-10T15:05:00Z'), groupId: g.sales, agentId: a.bob, agentIds: [a.bob],
        waitMs: 2_000, talkMs: 60_000,
      },
    });
    try {
      const after = await rolled();
      expect(after.totals.current).toMatchObject({ offered: 11, answered: 6 });
      expect(after.rows.find((r) => r.label === 'Sales')!.current).toMatchObject({ offered: 3, answered: 2, answeredInTime: 2 });
    } finally {
      await testPrisma().call.delete({ where: { id: late.id } });
    }
    expect((await rolled()).totals.current).toMatchObject({ offered: 10, answered: 5 });
  });
});

describe('GET /api/stats/export.csv', () => {
  it('exports the same figures with the comparison, in the user language', async () => {
    const res = await admin.get('/api/stats/export.csv?from=2026-11-10&to=2026-11-10&compareFrom=2026-11-09&compareTo=2026-11-09&by=group');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('stats-group-2026-11-10_2026-11-10.csv');
    // (fetch's text() drops the UTF-8 BOM; the browser test checks the file's bytes)
    const text = String(res.body).replace(/^\uFEFF/, '');
    const lines = text.trim().split('\r\n').map((l) => l.split(';'));
    // The test users are English.
    expect(lines[0].slice(0, 5)).toEqual(['group', 'calls offered', 'calls offered (comparison)', 'answered', 'answered (comparison)']);
    const support = lines.find((l) => l[0] === 'Support')!;
    const header = lines[0];
    expect(support[header.indexOf('answer rate (%)')]).toBe('66.7');
    expect(support[header.indexOf('service level (%)')]).toBe('50.0');
    expect(support[header.indexOf('service level (%) (comparison)')]).toBe('0.0');
    expect(support[header.indexOf('p90 wait (s)')]).toBe('50.0');
    const total = lines.find((l) => l[0] === 'Total')!;
    expect(total[header.indexOf('calls offered')]).toBe('10');
    expect(total[header.indexOf('p90 wait (s)')]).toBe('46.0');
    expect(lines.at(-1)).toEqual(['period', '2026-11-10', '2026-11-10', 'comparison', '2026-11-09', '2026-11-09']);
  });
});

describe('group service level', () => {
  it('is set and validated through the groups API', async () => {
    const created = await admin.post('/api/groups', { name: 'Hotline', serviceLevelSeconds: 45 });
    expect(created.status).toBe(201);
    expect(created.body.serviceLevelSeconds).toBe(45);
    expect((await admin.post('/api/groups', { name: 'Default' })).body.serviceLevelSeconds).toBe(20);
    const bad = await admin.patch(`/api/groups/${created.body.id}`, { serviceLevelSeconds: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/serviceLevelSeconds' });
    const ok = await admin.patch(`/api/groups/${created.body.id}`, { serviceLevelSeconds: 15 });
    expect(ok.body.serviceLevelSeconds).toBe(15);
    expect((await testPrisma().queueGroup.findUniqueOrThrow({ where: { id: created.body.id } })).serviceLevelSeconds).toBe(15);
  });
});
