// The simulator's server side over HTTP (issue 17): the directory a simulated call reads
// (GET …/simulate/context), real HTTP requests of simulated HTTP steps under the outbound
// policy (POST …/simulate/http), test cases run server-side (POST …/simulate), the publish
// gate (409 TESTS_FAILING until acknowledged, the 201's tests summary, the audit entry), and
// duplicate keeping the test cases with their node ids following the copy's.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyLimitFor, FLOW_BODY_LIMIT, JSON_BODY_LIMIT } from '@/app/lib/api/body-limits';
import { testPrisma } from '../support/context';
import { createOrganizationWithUsers, createUser } from '../support/factories';
import { api, signIn } from '../support/http';

/* eslint-disable @typescript-eslint/no-explicit-any -- flow documents and answers are inspected as plain JSON */
type Doc = { nodes: any[]; edges: any[]; entry: string; tests?: any[]; [k: string]: any };
type Client = ReturnType<typeof api>;

const demo = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../fixtures/flows/good/demo.json'), 'utf8'));
let admin: Client;
let supervisor: Client;
let agent: Client;
let otherOrgAdmin: Client;
let organizationId: string;
let groupId: string;
const agents: Record<string, string> = {};

/** A weekday morning (Tuesday 8 December 2026, 10:00 in Paris). */
const WEEKDAY = '2026-12-08T10:00';

/** The demo flow (welcome → menu: 1 group Accueil → voicemail when nobody answers, 2 info → goodbye) on a real group. */
function demoDocument(): Doc {
  return JSON.parse(JSON.stringify(demo).replaceAll('"grp_accueil"', JSON.stringify(groupId)));
}

/** Key 2 → information → goodbye. */
const infoCase = {
  id: 'case_info',
  name: 'Information',
  input: { caller: '+33612345678', called: '+33199000001', at: WEEKDAY, actions: [{ kind: 'dtmf', digits: '2' }] },
  expect: { endNodeId: 'bye', visited: ['welcome', 'menu', 'info', 'bye'] },
};
/** Key 1 with nobody answering → voicemail. */
const voicemailCase = {
  id: 'case_voicemail',
  name: 'Nobody answers',
  input: { caller: '+33612345678', called: '+33199000001', at: WEEKDAY, answer: 'nobody', actions: [{ kind: 'dtmf', digits: '1' }] },
  expect: { endNodeId: 'voicemail', visited: ['welcome', 'menu', 'agents', 'voicemail'] },
};

function withCases(document: Doc, cases: any[] = [infoCase, voicemailCase]): Doc {
  return { ...document, tests: structuredClone(cases) };
}

/** Menu key 2 now goes straight to goodbye: the information case no longer takes its path. */
function broken(document: Doc): Doc {
  return { ...document, edges: document.edges.map((e) => (e.id === 'e3' ? { ...e, target: 'bye' } : e)) };
}

async function createFlow(name: string, document: Doc): Promise<string> {
  const created = await admin.post('/api/flows', { name, document });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id;
}

async function saveDraft(flowId: string, document: Doc): Promise<void> {
  const { body: draft } = await admin.get(`/api/flows/${flowId}/draft`);
  const saved = await admin.put(`/api/flows/${flowId}/draft`, { document, revision: draft.revision });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
}

/** A CRM on 127.0.0.1 answering GET /customer?phone=… with the caller's tier; records what it received. */
let crm: Server;
let crmPort: number;
const crmRequests: { url: string; headers: IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  const prisma = testPrisma();
  const a = await createOrganizationWithUsers(prisma, 'Simulator A');
  const b = await createOrganizationWithUsers(prisma, 'Simulator B');
  organizationId = a.organization.id;
  [admin, supervisor, agent, otherOrgAdmin] = (await Promise.all([a.admin, a.supervisor, a.agent, b.admin].map(signIn))).map(api);

  const mk = (name: string, extra: Record<string, unknown> = {}) =>
    prisma.agent.create({ data: { organizationId, name, sipUsername: `${name.toLowerCase()}-${organizationId.slice(-6)}`, sipRealm: `realm-${organizationId}`, sipHa1: 'x', ...extra } });
  const alice = await mk('Alice');
  const bruno = await mk('Bruno', { status: 'paused' });
  const carla = await mk('Carla');
  const denis = await mk('Denis', { activity: 'in_call', activitySince: new Date() });
  Object.assign(agents, { alice: alice.id, bruno: bruno.id, carla: carla.id, denis: denis.id });
  const soon = new Date(Date.now() + 3600_000);
  // Carla's phone is not registered (offline); the others' are
  for (const ag of [alice, bruno, denis]) await prisma.sipRegistration.create({ data: { agentId: ag.id, contact: `sip:${ag.id}@127.0.0.1:5999`, expiresAt: soon } });
  const group = await prisma.queueGroup.create({
    data: { organizationId, name: 'Accueil', members: { create: [{ agentId: alice.id, position: 0 }, { agentId: carla.id, position: 1 }] } },
  });
  groupId = group.id;

  crm = createServer((req, res) => {
    crmRequests.push({ url: req.url ?? '', headers: req.headers });
    const phone = new URL(req.url ?? '/', 'http://x').searchParams.get('phone');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ tier: phone === '+33600000001' ? 'gold' : 'silver' }));
  });
  await new Promise<void>((resolve) => crm.listen(0, '127.0.0.1', resolve));
  crmPort = (crm.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => crm?.close(() => resolve()));
});

describe('GET /api/flows/:id/simulate/context', () => {
  it("gives the directory with each agent's presence now, the numbers (this flow's first) and the flows its redirects name", async () => {
    const prisma = testPrisma();
    const target = await createFlow('Support', demoDocument());
    expect((await admin.post(`/api/flows/${target}/publish`, {})).status).toBe(201);
    const unpublished = await createFlow('Never published', demoDocument());
    const document = demoDocument();
    document.nodes.push(
      { id: 'to-support', type: 'redirect', position: { x: 0, y: 400 }, label: 'Support', config: { target: { kind: 'flow', flowId: target } } },
      { id: 'to-draft', type: 'redirect', position: { x: 200, y: 400 }, label: 'Draft only', config: { target: { kind: 'flow', flowId: unpublished } } },
    );
    const flowId = await createFlow('With context', document);
    const calendar = await admin.post('/api/calendars', { name: 'Bureau', timezone: 'Europe/Paris', ranges: [{ weekday: 1, start: '09:00', end: '18:00' }] });
    expect(calendar.status, JSON.stringify(calendar.body)).toBe(201);
    await prisma.phoneNumber.create({ data: { organizationId, e164: '+33199000101', label: 'Autre' } });
    await prisma.phoneNumber.create({ data: { organizationId, e164: '+33199000199', label: 'Standard', flowId } });

    const res = await supervisor.get(`/api/flows/${flowId}/simulate/context`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { context } = res.body;
    expect(res.body.timezone).toBe('Europe/Paris');
    expect(res.body.homeCountryCode).toBe('33');
    expect(context.timezone).toBe('Europe/Paris');
    expect(Object.fromEntries(res.body.agents.map((a: any) => [a.name, a.status]))).toEqual({ Alice: 'available', Bruno: 'paused', Carla: 'offline', Denis: 'busy' });
    expect(context.agents[agents.alice]).toMatchObject({ id: agents.alice, status: 'available' });
    expect(context.agents[agents.carla].status).toBe('offline');
    expect(context.groups[groupId].members.map((m: any) => m.agentId)).toEqual([agents.alice, agents.carla]);
    expect(context.calendars[calendar.body.id]).toMatchObject({ timezone: 'Europe/Paris', ranges: [{ weekday: 1, startMinute: 540, endMinute: 1080 }] });
    expect(res.body.groups).toContainEqual({ id: groupId, name: 'Accueil' });
    expect(res.body.numbers[0]).toEqual({ e164: '+33199000199', label: 'Standard', routesHere: true });
    expect(res.body.numbers).toContainEqual({ e164: '+33199000101', label: 'Autre', routesHere: false });
    expect(Object.keys(res.body.flows)).toEqual([target]);
    expect(res.body.flows[target]).toEqual({ name: 'Support', document: demoDocument() });

    // a redirect added to the unsaved draft: its flow is asked for by id
    const other = await createFlow('Sales', demoDocument());
    expect((await admin.post(`/api/flows/${other}/publish`, {})).status).toBe(201);
    const more = await supervisor.get(`/api/flows/${flowId}/simulate/context?flowIds=${other},${unpublished}`);
    expect(Object.keys(more.body.flows).sort()).toEqual([target, other].sort());
    expect(more.body.flows[other].name).toBe('Sales');
  });

  it('is for the roles that edit flows, within the organisation', async () => {
    const flowId = await createFlow('Context roles', demoDocument());
    expect((await agent.get(`/api/flows/${flowId}/simulate/context`)).status).toBe(403);
    expect((await otherOrgAdmin.get(`/api/flows/${flowId}/simulate/context`)).status).toBe(404);
    const bad = await admin.get(`/api/flows/${flowId}/simulate/context?source=latest`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.path).toBe('/source');
    const tooMany = await admin.get(`/api/flows/${flowId}/simulate/context?flowIds=${Array.from({ length: 51 }, (_, i) => `f${i}`).join(',')}`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.path).toBe('/flowIds');
  });
});

describe('POST /api/flows/:id/simulate/http', () => {
  const request = (url: string) => ({
    method: 'GET',
    url,
    headers: [{ name: 'Authorization', value: 'Bearer crm-secret', secret: true }, { name: 'Accept', value: 'application/json' }],
    body: null,
    timeoutMs: 5000,
  });

  it('refuses internal addresses like a live call, then reaches the host once an admin allows it', async () => {
    const flowId = await createFlow('HTTP step', demoDocument());
    const url = `http://127.0.0.1:${crmPort}/customer?phone=%2B33600000001`;
    const refused = await supervisor.post(`/api/flows/${flowId}/simulate/http`, request(url));
    expect(refused.status).toBe(200);
    expect(refused.body.error).toBe('refused');
    expect(refused.body.detail).toMatch(/127\.0\.0\.1/);
    expect(crmRequests).toHaveLength(0);

    expect((await admin.put('/api/settings/outbound-http', { allowedHosts: [`127.0.0.1:${crmPort}`] })).status).toBe(200);
    const answered = await supervisor.post(`/api/flows/${flowId}/simulate/http`, { type: 'httpRequest', requestId: 'r1', ...request(url) });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body).toEqual({ status: 200, body: JSON.stringify({ tier: 'gold' }) });
    expect(crmRequests.at(-1)).toMatchObject({ url: '/customer?phone=%2B33600000001', headers: { authorization: 'Bearer crm-secret', accept: 'application/json' } });

    const closed = await supervisor.post(`/api/flows/${flowId}/simulate/http`, request('http://127.0.0.1:1/nothing'));
    expect(closed.body.error).toBe('refused');
    expect((await admin.put('/api/settings/outbound-http', { allowedHosts: [] })).status).toBe(200);
  });

  it('names the failing field of a bad body', async () => {
    const flowId = await createFlow('HTTP bad body', demoDocument());
    const cases: [unknown, string][] = [
      [{ method: 'GET', timeoutMs: 1000 }, '/url'],
      [{ ...request('https://example.com/'), timeoutMs: 60_000 }, '/timeoutMs'],
      [{ ...request('https://example.com/'), method: 'TRACE' }, '/method'],
      [{ ...request('https://example.com/'), headers: [{ name: 'Bad Name', value: 'x' }] }, '/headers/0/name'],
      [{ ...request('https://example.com/'), extra: true }, '/extra'],
    ];
    for (const [body, pointer] of cases) {
      const res = await supervisor.post(`/api/flows/${flowId}/simulate/http`, body);
      expect(res.status, pointer).toBe(400);
      expect(res.body.error.path).toBe(pointer);
    }
  });

  it('limits each user to 30 requests a minute (429 with Retry-After), others unaffected', async () => {
    const prisma = testPrisma();
    const hurried = api(await signIn(await createUser(prisma, organizationId, 'supervisor')));
    const flowId = await createFlow('HTTP rate', demoDocument());
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 45; i++) {
      const res = await hurried.post(`/api/flows/${flowId}/simulate/http`, request('http://127.0.0.1:1/x'));
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get('retry-after');
        expect(res.body.error.code).toBe('TOO_MANY_REQUESTS');
      }
    }
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect((await supervisor.post(`/api/flows/${flowId}/simulate/http`, request('http://127.0.0.1:1/x'))).status).toBe(200);
  });

  it('is for the roles that edit flows, within the organisation', async () => {
    const flowId = await createFlow('HTTP roles', demoDocument());
    expect((await agent.post(`/api/flows/${flowId}/simulate/http`, request('https://example.com/'))).status).toBe(403);
    expect((await otherOrgAdmin.post(`/api/flows/${flowId}/simulate/http`, request('https://example.com/'))).status).toBe(404);
  });
});

describe('POST /api/flows/:id/simulate', () => {
  it("runs the draft's cases and says which pass and what they cover", async () => {
    const flowId = await createFlow('Simulated', withCases(demoDocument()));
    const res = await supervisor.post(`/api/flows/${flowId}/simulate`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.runs.map((r: any) => [r.caseId, r.passed, r.mismatches])).toEqual([
      ['case_info', true, []],
      ['case_voicemail', true, []],
    ]);
    const voicemail = res.body.runs[1].result;
    expect(voicemail.endNodeId).toBe('voicemail');
    expect(voicemail.visited).toEqual(['welcome', 'menu', 'agents', 'voicemail']);
    expect(voicemail.transcript.some((t: any) => t.kind === 'prompt')).toBe(true);
    expect(res.body.coverage.nodes).toMatchObject({ covered: 6, total: 6 });
    expect(res.body.coverage.percent).toBeGreaterThan(50);
    expect(res.body.coverage.percent).toBeLessThanOrEqual(100);
  });

  it('runs an unsaved document, cases sent, or some of the cases by id', async () => {
    const flowId = await createFlow('Unsaved', withCases(demoDocument()));
    const unsaved = await supervisor.post(`/api/flows/${flowId}/simulate`, { document: withCases(broken(demoDocument())) });
    expect(unsaved.status, JSON.stringify(unsaved.body)).toBe(200);
    const info = unsaved.body.runs.find((r: any) => r.caseId === 'case_info');
    expect(info.passed).toBe(false);
    expect(info.mismatches).toContainEqual(expect.objectContaining({ field: 'visited', expected: ['welcome', 'menu', 'info', 'bye'], actual: ['welcome', 'menu', 'bye'] }));
    // the stored draft did not change
    expect((await admin.get(`/api/flows/${flowId}/draft`)).body.document.edges.find((e: any) => e.id === 'e3').target).toBe('info');

    const one = await supervisor.post(`/api/flows/${flowId}/simulate`, { caseIds: ['case_voicemail'] });
    expect(one.body.runs.map((r: any) => r.caseId)).toEqual(['case_voicemail']);

    const sent = await supervisor.post(`/api/flows/${flowId}/simulate`, { cases: [{ ...infoCase, id: 'case_sent', expect: { endNodeId: 'voicemail' } }] });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.runs).toHaveLength(1);
    expect(sent.body.runs[0]).toMatchObject({ caseId: 'case_sent', passed: false, mismatches: [{ field: 'endNodeId', expected: 'voicemail', actual: 'bye' }] });
  });

  it('takes a whole unsaved document: the flow body limit (10 MB), not the 1 MB of other JSON', () => {
    expect(bodyLimitFor('POST', '/api/flows/abc/simulate').limitBytes).toBe(FLOW_BODY_LIMIT);
    expect(bodyLimitFor('POST', '/api/flows/abc/simulate/http').limitBytes).toBe(JSON_BODY_LIMIT);
  });

  it('names the failing field of a bad request', async () => {
    const flowId = await createFlow('Simulate bad', withCases(demoDocument()));
    const unknown = await supervisor.post(`/api/flows/${flowId}/simulate`, { caseIds: ['case_info', 'case_nope'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.path).toBe('/caseIds/1');
    const both = await supervisor.post(`/api/flows/${flowId}/simulate`, { cases: [infoCase], caseIds: ['case_info'] });
    expect(both.status).toBe(400);
    expect(both.body.error.path).toBe('/caseIds');
    const badCase = await supervisor.post(`/api/flows/${flowId}/simulate`, { cases: [{ ...infoCase, input: { ...infoCase.input, actions: [{ kind: 'dance' }] } }] });
    expect(badCase.status).toBe(400);
    expect(badCase.body.error.path).toMatch(/^\/cases\/0\/input\/actions\/0/);
    const badDocument = await supervisor.post(`/api/flows/${flowId}/simulate`, { document: { ...demoDocument(), entry: 'nowhere' } });
    expect(badDocument.status).toBe(400);
    expect(badDocument.body.error.path).toMatch(/^\/document/);
    const badSource = await supervisor.post(`/api/flows/${flowId}/simulate`, { source: 'latest' });
    expect(badSource.status).toBe(400);
    expect(badSource.body.error.path).toBe('/source');
    expect((await supervisor.post(`/api/flows/${flowId}/simulate`, { source: 'live' })).status).toBe(404);
  });

  it('answers HTTP steps with typed answers, else through the outbound policy', async () => {
    const document: Doc = {
      schemaVersion: 1,
      name: 'CRM',
      language: 'fr',
      entry: 'lookup',
      nodes: [
        {
          id: 'lookup', type: 'http-request', position: { x: 0, y: 0 }, label: 'CRM',
          config: { method: 'GET', url: `http://127.0.0.1:${crmPort}/customer?phone={{caller}}`, timeoutSeconds: 3, statusVariable: 'crmStatus', responseMappings: [{ pointer: '/tier', variable: 'tier' }] },
        },
        { id: 'route', type: 'condition', position: { x: 200, y: 0 }, label: 'Tier', config: { branches: [{ id: 'gold', label: 'Gold', expression: 'tier == "gold"' }] } },
        { id: 'vip', type: 'message', position: { x: 400, y: 0 }, label: 'VIP', config: { prompt: { kind: 'tts', text: { fr: 'Bonjour, client privilégié.' } } } },
        { id: 'bye', type: 'hangup', position: { x: 400, y: 200 }, label: 'Bye', config: {} },
      ],
      edges: [
        { id: 'e1', source: 'lookup', sourceOutput: 'success', target: 'route' },
        { id: 'e2', source: 'lookup', sourceOutput: 'error', target: 'bye' },
        { id: 'e3', source: 'route', sourceOutput: 'gold', target: 'vip' },
        { id: 'e4', source: 'route', sourceOutput: 'else', target: 'bye' },
        { id: 'e5', source: 'vip', sourceOutput: 'next', target: 'bye' },
      ],
    };
    const base = { called: '+33199000001', at: WEEKDAY, actions: [] };
    const cases = [
      { id: 'case_typed', name: 'Typed gold', input: { ...base, caller: '+33600000009', http: [{ nodeId: 'lookup', status: 200, body: '{"tier":"gold"}' }] }, expect: { visited: ['lookup', 'route', 'vip', 'bye'], variables: { tier: 'gold' } } },
      { id: 'case_real', name: 'Real CRM', input: { ...base, caller: '+33600000001' }, expect: { visited: ['lookup', 'route', 'vip', 'bye'], variables: { tier: 'gold', crmStatus: 200 } } },
    ];
    const flowId = await createFlow('CRM lookup', withCases(document, cases));
    const before = crmRequests.length;

    const refused = await supervisor.post(`/api/flows/${flowId}/simulate`, {});
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    expect(refused.body.runs.map((r: any) => r.passed)).toEqual([true, false]);
    expect(refused.body.runs[1].result.visited).toEqual(['lookup', 'bye']);
    expect(crmRequests.length).toBe(before);

    expect((await admin.put('/api/settings/outbound-http', { allowedHosts: [`127.0.0.1:${crmPort}`] })).status).toBe(200);
    const allowed = await supervisor.post(`/api/flows/${flowId}/simulate`, {});
    expect(allowed.body.runs.map((r: any) => [r.caseId, r.passed, r.mismatches])).toEqual([
      ['case_typed', true, []],
      ['case_real', true, []],
    ]);
    // the typed answer was used without a request; the real case made one
    expect(crmRequests.slice(before).map((r) => r.url)).toEqual(['/customer?phone=%2B33600000001']);
    expect((await admin.put('/api/settings/outbound-http', { allowedHosts: [] })).status).toBe(200);
  });

  it('continues in the flow a redirect step names, as published', async () => {
    const target = await createFlow('Redirect target', demoDocument());
    const unpublished = await createFlow('Redirect target, never published', demoDocument());
    const redirecting = (flowId: string): Doc => ({
      schemaVersion: 1,
      name: 'Redirecting',
      language: 'fr',
      entry: 'go',
      nodes: [{ id: 'go', type: 'redirect', position: { x: 0, y: 0 }, label: 'Go', config: { target: { kind: 'flow', flowId } } }],
      edges: [],
    });
    const cases = [{ ...infoCase, expect: { endNodeId: 'bye', visited: ['go', 'welcome', 'menu', 'info', 'bye'] } }];
    const flowId = await createFlow('Redirecting', withCases(redirecting(target), cases));
    const beforePublish = await supervisor.post(`/api/flows/${flowId}/simulate`, {});
    expect(beforePublish.body.runs[0]).toMatchObject({ passed: false, result: { endNodeId: 'go' } });
    expect((await admin.post(`/api/flows/${target}/publish`, {})).status).toBe(201);
    const published = await supervisor.post(`/api/flows/${flowId}/simulate`, {});
    expect(published.body.runs[0]).toMatchObject({ passed: true, result: { visited: ['go', 'welcome', 'menu', 'info', 'bye'] } });
    const toDraft = await supervisor.post(`/api/flows/${flowId}/simulate`, { document: withCases(redirecting(unpublished), cases) });
    expect(toDraft.body.runs[0]).toMatchObject({ passed: false, result: { endNodeId: 'go' } });
  });

  it('never dials, sends or stores anything: no call, SMS, callback or voicemail rows', async () => {
    const prisma = testPrisma();
    const counts = async () =>
      Promise.all([
        prisma.call.count({ where: { organizationId } }),
        prisma.smsMessage.count({ where: { organizationId } }),
        prisma.callbackRequest.count({ where: { organizationId } }),
        prisma.voicemail.count({ where: { organizationId } }),
      ]);
    const before = await counts();
    const flowId = await createFlow('Nothing stored', withCases(demoDocument()));
    const res = await supervisor.post(`/api/flows/${flowId}/simulate`, {});
    expect(res.body.runs.every((r: any) => r.passed)).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('is for the roles that edit flows, within the organisation', async () => {
    const flowId = await createFlow('Simulate roles', withCases(demoDocument()));
    expect((await agent.post(`/api/flows/${flowId}/simulate`, {})).status).toBe(403);
    expect((await otherOrgAdmin.post(`/api/flows/${flowId}/simulate`, {})).status).toBe(404);
  });
});

describe('publish gate', () => {
  it('publishes a flow whose cases pass, with the summary in the 201', async () => {
    const flowId = await createFlow('Gate green', withCases(demoDocument()));
    const res = await supervisor.post(`/api/flows/${flowId}/publish`, { note: 'tested' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.tests).toMatchObject({ passed: 2, failed: 0, coverage: { nodes: { covered: 6, total: 6 } } });
    expect(res.body.document.tests.map((t: any) => t.id)).toEqual(['case_info', 'case_voicemail']);
  });

  it('refuses while a case fails (409 TESTS_FAILING listing the cases), publishes once acknowledged, audited', async () => {
    const flowId = await createFlow('Gate red', withCases(demoDocument()));
    expect((await supervisor.post(`/api/flows/${flowId}/publish`, {})).status).toBe(201);
    await saveDraft(flowId, withCases(broken(demoDocument())));

    // (the information step is now unreachable: a warning, acknowledged)
    const refused = await supervisor.post(`/api/flows/${flowId}/publish`, { note: 'key 2 to goodbye', acknowledgeWarnings: true });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('TESTS_FAILING');
    expect(refused.body.error.message).toMatch(/Information/);
    expect(refused.body.error.runs).toEqual([
      { caseId: 'case_info', name: 'Information', passed: false, mismatches: [expect.objectContaining({ field: 'visited' })] },
      { caseId: 'case_voicemail', name: 'Nobody answers', passed: true, mismatches: [] },
    ]);
    expect(refused.body.error.coverage.nodes.total).toBe(6);
    expect(await testPrisma().flowVersion.count({ where: { flowId, status: 'published' } })).toBe(1);

    const published = await supervisor.post(`/api/flows/${flowId}/publish`, { note: 'key 2 to goodbye', acknowledgeWarnings: true, acknowledgeFailingTests: true });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect(published.body).toMatchObject({ number: 2, tests: { passed: 1, failed: 1 } });
    const audit = await testPrisma().auditLog.findFirst({ where: { entityId: flowId, action: 'flow.publish' }, orderBy: { createdAt: 'desc' } });
    expect(audit?.details).toMatchObject({ number: 2, acknowledgedFailingTests: [{ caseId: 'case_info', name: 'Information' }], tests: { passed: 1, failed: 1 } });
  });

  it('checks warnings before tests', async () => {
    const document = withCases(broken(demoDocument()));
    document.nodes.push({ id: 'orphan', type: 'hangup', position: { x: 600, y: 300 }, label: 'Orphan', config: {} });
    const flowId = await createFlow('Gate order', document);
    const first = await supervisor.post(`/api/flows/${flowId}/publish`, { acknowledgeFailingTests: true });
    expect(first.status).toBe(409);
    expect(first.body.error.code).toBe('WARNINGS_NOT_ACKNOWLEDGED');
    const second = await supervisor.post(`/api/flows/${flowId}/publish`, { acknowledgeWarnings: true });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('TESTS_FAILING');
    const third = await supervisor.post(`/api/flows/${flowId}/publish`, { acknowledgeWarnings: true, acknowledgeFailingTests: true });
    expect(third.status).toBe(201);
  });

  it('says so in the 201 when a flow has no case', async () => {
    const flowId = await createFlow('Gate none', demoDocument());
    const res = await supervisor.post(`/api/flows/${flowId}/publish`, {});
    expect(res.status).toBe(201);
    expect(res.body.tests).toMatchObject({ passed: 0, failed: 0, coverage: { percent: 0 } });
  });

  it('refuses a bad acknowledgeFailingTests', async () => {
    const flowId = await createFlow('Gate bad', withCases(demoDocument()));
    const res = await supervisor.post(`/api/flows/${flowId}/publish`, { acknowledgeFailingTests: 'yes' });
    expect(res.status).toBe(400);
    expect(res.body.error.path).toBe('/acknowledgeFailingTests');
  });
});

describe('duplicate', () => {
  it("keeps the test cases, their node ids following the copy's, and they still pass", async () => {
    const flowId = await createFlow('Duplicated with cases', withCases(demoDocument()));
    const copy = await supervisor.post(`/api/flows/${flowId}/duplicate`, {});
    expect(copy.status, JSON.stringify(copy.body)).toBe(201);
    const draft = (await admin.get(`/api/flows/${copy.body.id}/draft`)).body.document as Doc;
    const ids = new Set(draft.nodes.map((n) => n.id));
    expect(ids.has('bye')).toBe(false);
    expect(draft.tests?.map((t) => t.name)).toEqual(['Information', 'Nobody answers']);
    for (const test of draft.tests ?? []) {
      expect(ids.has(test.expect.endNodeId)).toBe(true);
      for (const id of test.expect.visited) expect(ids.has(id)).toBe(true);
    }
    const run = await supervisor.post(`/api/flows/${copy.body.id}/simulate`, {});
    expect(run.body.runs.map((r: any) => r.passed)).toEqual([true, true]);
  });
});
