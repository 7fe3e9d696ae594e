// GET /api/flows/:id/analytics (issue 15 item 3) over HTTP on seeded calls and their CallEvent
// rows: exact counts per node (entered, entries, ended, hung up) and per output, the period read
// in the organisation's time zone (Europe/Paris: 2026-11-02 starts at 2026-11-01T23:00Z), one
// version only, a call that loops back into the menu, a call transferred into another flow (its
// later events are not this flow's), another flow with the same node ids, roles and validation.
//
//   welcome(message) ─next─▶ menu(menu) ─1─▶ sales(queue-group)
//                             │  ▲    └─2─▶ support(queue-group)
//                             └invalid┘
import { beforeAll, describe, expect, it } from 'vitest';
import { testPrisma } from '../support/context';
import { createOrganizationWithUsers, createUser } from '../support/factories';
import { api, signIn } from '../support/http';
import { rollUpEndedCalls } from '@/app/lib/flow-analytics/path-rollup';

type Client = ReturnType<typeof api>;
type Step = [kind: string, nodeId?: string, output?: string, data?: Record<string, string>];

const TYPES: Record<string, string> = { welcome: 'message', menu: 'menu', sales: 'queue-group', support: 'queue-group' };
const document = {
  schemaVersion: 1, name: 'Accueil', language: 'fr', entry: 'welcome',
  nodes: Object.entries(TYPES).map(([id, type], i) => ({ id, type, label: id, position: { x: i * 200, y: 0 }, config: {} })),
  edges: [],
};

let admin: Client;
let supervisor: Client;
let agent: Client;
let otherOrgAdmin: Client;
let flowId: string;
let otherFlowId: string;
let v1: string;
let v2: string;
let foreignVersion: string;
let orgId: string;

/** welcome → next → menu … as CallEvent rows (seq from 1, a second apart). */
function events(startedAt: Date, steps: Step[]) {
  return steps.map(([kind, nodeId, output, data], i) => ({
    seq: i + 1, at: new Date(startedAt.getTime() + (i + 1) * 1000), kind, nodeId: nodeId ?? null, nodeType: nodeId ? (TYPES[nodeId] ?? 'menu') : null, output: output ?? null, ...(data ? { data } : {}),
  }));
}

async function seedCall(organizationId: string, opts: { flowId: string; versionId: string; startedAt: string; steps: Step[]; ended?: { outcome: 'answered' | 'abandoned' | 'cancelled' | null; endNodeId: string | null } }) {
  const startedAt = new Date(opts.startedAt);
  await testPrisma().call.create({
    data: {
      organizationId, sipCallId: `sip-${Math.random()}`, entryNumber: '+33199000150', caller: '+33612345678', callee: '+33199000150',
      flowId: opts.flowId, flowVersionId: opts.versionId, startedAt,
      ...(opts.ended ? { endedAt: new Date(startedAt.getTime() + 60_000), outcome: opts.ended.outcome, endNodeId: opts.ended.endNodeId } : {}),
      events: { create: events(startedAt, opts.steps) },
    },
  });
}

const enter = (nodeId: string): Step => ['node-entered', nodeId];
const take = (nodeId: string, output: string): Step => ['output-taken', nodeId, output];

beforeAll(async () => {
  const prisma = testPrisma();
  const { organization, admin: a, supervisor: s, agent: g } = await createOrganizationWithUsers(prisma, 'Analytics');
  await prisma.organization.update({ where: { id: organization.id }, data: { timezone: 'Europe/Paris' } });
  admin = api(await signIn(a));
  supervisor = api(await signIn(s));
  agent = api(await signIn(g));
  const other = await createOrganizationWithUsers(prisma, 'Other');
  otherOrgAdmin = api(await signIn(await createUser(prisma, other.organization.id, 'admin')));

  const org = organization.id;
  orgId = org;
  const flow = await prisma.flow.create({ data: { organizationId: org, name: 'Accueil' } });
  const otherFlow = await prisma.flow.create({ data: { organizationId: org, name: 'Ventes' } });
  flowId = flow.id;
  otherFlowId = otherFlow.id;
  const version = (fid: string, number: number) => prisma.flowVersion.create({ data: { organizationId: org, flowId: fid, status: 'published', number, document, publishedAt: new Date('2026-10-01T00:00:00Z') } });
  v1 = (await version(flowId, 1)).id;
  v2 = (await version(flowId, 2)).id;
  foreignVersion = (await version(otherFlowId, 1)).id;

  const common = { flowId, versionId: v2 };
  await Promise.all([
    // c1 (v1): 1 → sales, answered there
    seedCall(org, { flowId, versionId: v1, startedAt: '2026-11-03T09:00:00Z', steps: [enter('welcome'), take('welcome', 'next'), enter('menu'), take('menu', '1'), enter('sales'), take('sales', 'answered')], ended: { outcome: 'answered', endNodeId: 'sales' } }),
    // c2 (v1): 2 → support, hung up while an agent rang
    seedCall(org, { flowId, versionId: v1, startedAt: '2026-11-03T10:00:00Z', steps: [enter('welcome'), take('welcome', 'next'), enter('menu'), take('menu', '2'), enter('support')], ended: { outcome: 'cancelled', endNodeId: 'support' } }),
    // c3: invalid key, back into the menu, then 1 → sales, answered
    seedCall(org, { ...common, startedAt: '2026-11-04T08:00:00Z', steps: [enter('welcome'), take('welcome', 'next'), enter('menu'), take('menu', 'invalid'), enter('menu'), take('menu', '1'), enter('sales'), take('sales', 'answered')], ended: { outcome: 'answered', endNodeId: 'sales' } }),
    // c4: hung up in the menu
    seedCall(org, { ...common, startedAt: '2026-11-05T08:00:00Z', steps: [enter('welcome'), take('welcome', 'next'), enter('menu')], ended: { outcome: 'abandoned', endNodeId: 'menu' } }),
    // c5: 00:30 in Paris on 2 November (23:30Z the day before): in the period; hung up in the
    // welcome message, written before the C0 columns (no endNodeId: its last node counts)
    seedCall(org, { ...common, startedAt: '2026-11-01T23:30:00Z', steps: [enter('welcome')], ended: { outcome: 'abandoned', endNodeId: null } }),
    // c6: in progress, in the menu
    seedCall(org, { ...common, startedAt: '2026-11-08T12:00:00Z', steps: [enter('welcome'), take('welcome', 'next'), enter('menu')] }),
    // c7 / c8: 23:30 in Paris on 1 November, and 00:10 in Paris on 9 November: outside the period
    seedCall(org, { ...common, startedAt: '2026-11-01T22:30:00Z', steps: [enter('welcome'), take('welcome', 'next')], ended: { outcome: 'abandoned', endNodeId: 'welcome' } }),
    seedCall(org, { ...common, startedAt: '2026-11-08T23:10:00Z', steps: [enter('welcome'), take('welcome', 'next')], ended: { outcome: 'abandoned', endNodeId: 'welcome' } }),
    // c9: 2 → support, answered, then cold-transferred into the other flow (its own "menu" node
    // and key 1 there are not this flow's); still in progress
    seedCall(org, {
      ...common, startedAt: '2026-11-06T08:00:00Z',
      steps: [['call-started', undefined, undefined, { flowId }], enter('welcome'), take('welcome', 'next'), enter('menu'), take('menu', '2'), enter('support'), take('support', 'answered'), ['flow-entered', undefined, undefined, { flowId: otherFlowId }], enter('menu'), take('menu', '1')],
    }),
    // another flow of the organisation with the same node ids, in the period
    seedCall(org, { flowId: otherFlowId, versionId: foreignVersion, startedAt: '2026-11-04T08:00:00Z', steps: [enter('welcome'), take('welcome', 'next'), enter('menu')], ended: { outcome: 'abandoned', endNodeId: 'menu' } }),
  ]);
});

const PERIOD = 'from=2026-11-02&to=2026-11-09';

describe('GET /api/flows/:id/analytics', () => {
  it('counts per node and per output over the period in the organisation’s time zone', async () => {
    const res = await supervisor.get(`/api/flows/${flowId}/analytics?${PERIOD}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      flowId, versionId: null, from: '2026-11-01T23:00:00.000Z', to: '2026-11-08T23:00:00.000Z',
      calls: 7, inProgress: 2,
      nodes: [
        { nodeId: 'menu', entered: 6, entries: 7, ended: 1, hungUp: 1 },
        { nodeId: 'sales', entered: 2, entries: 2, ended: 2, hungUp: 0 },
        { nodeId: 'support', entered: 2, entries: 2, ended: 1, hungUp: 0 },
        { nodeId: 'welcome', entered: 7, entries: 7, ended: 1, hungUp: 1 },
      ],
      outputs: [
        { nodeId: 'menu', output: '1', taken: 2, calls: 2 },
        { nodeId: 'menu', output: '2', taken: 2, calls: 2 },
        { nodeId: 'menu', output: 'invalid', taken: 1, calls: 1 },
        { nodeId: 'sales', output: 'answered', taken: 2, calls: 2 },
        { nodeId: 'support', output: 'answered', taken: 1, calls: 1 },
        { nodeId: 'welcome', output: 'next', taken: 6, calls: 6 },
      ],
    });
  });

  it('one version only, and date-times with their offset', async () => {
    const res = await admin.get(`/api/flows/${flowId}/analytics?from=${encodeURIComponent('2026-11-02T00:00:00+01:00')}&to=2026-11-08T23:00:00Z&versionId=${v1}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ versionId: v1, calls: 2, inProgress: 0 });
    expect(res.body.nodes).toEqual([
      { nodeId: 'menu', entered: 2, entries: 2, ended: 0, hungUp: 0 },
      { nodeId: 'sales', entered: 1, entries: 1, ended: 1, hungUp: 0 },
      { nodeId: 'support', entered: 1, entries: 1, ended: 1, hungUp: 0 },
      { nodeId: 'welcome', entered: 2, entries: 2, ended: 0, hungUp: 0 },
    ]);
    expect(res.body.outputs).toEqual([
      { nodeId: 'menu', output: '1', taken: 1, calls: 1 },
      { nodeId: 'menu', output: '2', taken: 1, calls: 1 },
      { nodeId: 'sales', output: 'answered', taken: 1, calls: 1 },
      { nodeId: 'welcome', output: 'next', taken: 2, calls: 2 },
    ]);
  });

  it('a period without calls gives zeros and empty lists', async () => {
    const res = await admin.get(`/api/flows/${flowId}/analytics?from=2025-01-01&to=2025-02-01`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ calls: 0, inProgress: 0, nodes: [], outputs: [] });
  });

  it('without a period: the last 7 days', async () => {
    const res = await admin.get(`/api/flows/${flowId}/analytics`);
    expect(res.status).toBe(200);
    expect(Date.parse(res.body.to) - Date.parse(res.body.from)).toBe(7 * 86_400_000);
    expect(Math.abs(Date.parse(res.body.to) - Date.now())).toBeLessThan(60_000);
  });

  it('refuses bad parameters naming the field', async () => {
    const cases: [string, string][] = [
      ['from=yesterday', '/from'],
      ['from=2026-11-02T08:00:00', '/from'], // no offset: ambiguous
      ['from=2026-13-01', '/from'],
      ['to=2026-02-30', '/to'],
      ['from=2026-11-09&to=2026-11-02', '/from'],
      ['from=2024-01-01&to=2026-01-01', '/to'],
      [`versionId=${foreignVersion}`, '/versionId'],
      ['versionId=not%20an%20id', '/versionId'],
    ];
    for (const [query, path] of cases) {
      const res = await admin.get(`/api/flows/${flowId}/analytics?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error, query).toMatchObject({ code: 'VALIDATION_FAILED', path });
    }
  });

  it('admins and supervisors only; another organisation’s flow is not found', async () => {
    expect((await agent.get(`/api/flows/${flowId}/analytics?${PERIOD}`)).status).toBe(403);
    expect((await api(null).get(`/api/flows/${flowId}/analytics?${PERIOD}`)).status).toBe(401);
    const foreign = await otherOrgAdmin.get(`/api/flows/${flowId}/analytics?${PERIOD}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
  });

  it('the same figures once the ended calls are rolled up (FlowPathStat), and rolling up again adds nothing', async () => {
    const queries = [
      PERIOD,
      `${PERIOD}&versionId=${v2}`,
      // partial hours at both ends (read from the events) around whole hours (read from the rollup)
      'from=2026-11-03T09:30:00Z&to=2026-11-05T08:30:00Z',
      // within one hour: no whole hour at all
      'from=2026-11-01T23:15:00Z&to=2026-11-01T23:45:00Z',
    ];
    const read = () => Promise.all(queries.map(async (q) => {
      const res = await supervisor.get(`/api/flows/${flowId}/analytics?${q}`);
      expect(res.status, q).toBe(200);
      return res.body;
    }));
    const raw = await read();
    expect(raw[2]).toMatchObject({ calls: 3, inProgress: 0 });
    expect(raw[3]).toMatchObject({ calls: 1, nodes: [{ nodeId: 'welcome', entered: 1, entries: 1, ended: 1, hungUp: 1 }] });
    // the 8 ended calls of the organisation (the two in progress stay read from their events)
    expect(await rollUpEndedCalls(testPrisma(), { organizationId: orgId })).toBe(8);
    expect(await testPrisma().flowPathStat.count({ where: { flowId } })).toBeGreaterThan(10);
    expect(await read()).toEqual(raw);
    expect(await rollUpEndedCalls(testPrisma(), { organizationId: orgId })).toBe(0);
    expect(await read()).toEqual(raw);
  });
});
