// Canary publish over HTTP (issue 17): start / change / promote / stop, validated bodies naming
// the failing field, audit entries, the runtime's notification, the live vs canary comparison
// and the call history's version filter. Real database (the api project's global setup).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { FlowStore, type NumberRoute } from '@/flow-runtime/calls/flow-store';
import { testPrisma } from '../support/context';
import { createOrganizationWithUsers } from '../support/factories';
import { api, signIn } from '../support/http';

type Client = ReturnType<typeof api>;

const demo = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../fixtures/flows/good/demo.json'), 'utf8'));
let admin: Client;
let supervisor: Client;
let agent: Client;
let otherOrgAdmin: Client;
let organizationId: string;
let groupId: string;
let seq = 0;

const document = () => JSON.parse(JSON.stringify(demo).replaceAll('"grp_accueil"', JSON.stringify(groupId)));

/** A flow with `versions` published versions (the last one live) and two numbers routing to it. */
async function flowWithVersions(name: string, versions = 2): Promise<{ flowId: string; numberIds: string[] }> {
  const created = await admin.post('/api/flows', { name, document: document() });
  expect(created.status).toBe(201);
  const flowId = created.body.id as string;
  for (let i = 0; i < versions; i++) expect((await admin.post(`/api/flows/${flowId}/publish`, { acknowledgeWarnings: true })).status).toBe(201);
  const numberIds: string[] = [];
  for (let i = 0; i < 2; i++) {
    seq++;
    const n = await testPrisma().phoneNumber.create({ data: { organizationId, e164: `+3319877${String(seq).padStart(4, '0')}`, flowId } });
    numberIds.push(n.id);
  }
  return { flowId, numberIds };
}

async function listen<T>(fn: () => Promise<T>): Promise<{ result: T; payloads: () => Record<string, unknown>[] }> {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  const received: string[] = [];
  client.on('notification', (n) => n.channel === 'relais_flow_published' && received.push(n.payload ?? ''));
  await client.query('LISTEN relais_flow_published');
  try {
    const result = await fn();
    await new Promise((r) => setTimeout(r, 0));
    return { result, payloads: () => received.map((p) => JSON.parse(p)) };
  } finally {
    // the caller polls before we close: keep the client until the poll has seen it
    setTimeout(() => void client.end(), 5_000);
  }
}

beforeAll(async () => {
  const prisma = testPrisma();
  const a = await createOrganizationWithUsers(prisma, 'Canary A');
  const b = await createOrganizationWithUsers(prisma, 'Canary B');
  organizationId = a.organization.id;
  [admin, supervisor, agent, otherOrgAdmin] = (await Promise.all([a.admin, a.supervisor, a.agent, b.admin].map(signIn))).map(api);
  const group = await admin.post('/api/groups', { name: 'Accueil', members: [] });
  expect(group.status).toBe(201);
  groupId = group.body.id;
});

describe('PUT /api/flows/:id/canary', () => {
  it('refuses bad bodies naming the failing field', async () => {
    const { flowId } = await flowWithVersions('Canary validation');
    const other = await flowWithVersions('Canary other flow', 1);
    const cases: [unknown, string][] = [
      [{ version: 1 }, '/percent'],
      [{ percent: 20 }, '/version'],
      [{ version: 1, percent: 0 }, '/percent'],
      [{ version: 1, percent: 100 }, '/percent'],
      [{ version: 1, percent: 12.5 }, '/percent'],
      [{ version: '1', percent: 20 }, '/version'],
      [{ version: 1, percent: 20, extra: true }, '/extra'],
      [{ version: 1, percent: 20, numberIds: 'all' }, '/numberIds'],
      [{ version: 2, percent: 20 }, '/version'], // the live version
      [{ version: 9, percent: 20 }, '/version'], // no such version
      [{ version: 1, percent: 20, numberIds: [other.numberIds[0]] }, '/numberIds/0'], // routes to another flow
    ];
    for (const [body, field] of cases) {
      const res = await admin.put(`/api/flows/${flowId}/canary`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.path, JSON.stringify(body)).toBe(field);
    }
    expect(await testPrisma().flowCanary.count({ where: { flowId } })).toBe(0);
  });

  it('starts a canary (201, audited, runtime notified), changes its share (200, same start), shows it', async () => {
    const { flowId, numberIds } = await flowWithVersions('Canary start');
    const v1 = await testPrisma().flowVersion.findFirstOrThrow({ where: { flowId, number: 1 } });
    const { result: started, payloads } = await listen(() => supervisor.put(`/api/flows/${flowId}/canary`, { version: 1, percent: 20, numberIds: [numberIds[1]] }));
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body.canary).toMatchObject({ flowId, version: { id: v1.id, number: 1 }, liveVersion: { number: 2 }, percent: 20, numbers: [{ id: numberIds[1] }], startedBy: { name: expect.any(String) } });
    await expect.poll(() => payloads().filter((p) => p.flowId === flowId)).toEqual([
      expect.objectContaining({ flowId, versionId: v1.id, number: 1, canary: 'started' }),
    ]);
    const audit = await testPrisma().auditLog.findFirstOrThrow({ where: { entityId: flowId, action: 'flow.canary_start' } });
    expect(audit.details).toMatchObject({ number: 1, percent: 20, numberIds: [numberIds[1]], liveNumber: 2 });

    const changed = await admin.put(`/api/flows/${flowId}/canary`, { version: 1, percent: 35 });
    expect(changed.status).toBe(200);
    expect(changed.body.canary).toMatchObject({ percent: 35, numbers: [] });
    expect(changed.body.canary.startedAt).toBe(started.body.canary.startedAt);
    expect(await testPrisma().auditLog.count({ where: { entityId: flowId, action: 'flow.canary_change' } })).toBe(1);

    const state = await admin.get(`/api/flows/${flowId}/canary`);
    expect(state.status).toBe(200);
    expect(state.body.canary).toMatchObject({ percent: 35, version: { number: 1 } });
    expect(state.body.comparison).toMatchObject({ live: { calls: 0 }, canary: { calls: 0 } });
  });
});

describe('comparison and call history', () => {
  it('counts live and canary calls apart since the canary started; /api/calls filters by version', async () => {
    const { flowId } = await flowWithVersions('Canary compare');
    const [v1, v2] = await Promise.all([1, 2].map((number) => testPrisma().flowVersion.findFirstOrThrow({ where: { flowId, number } })));
    const before = new Date(Date.now() - 3_600_000);
    // a call before the canary: not counted
    await testPrisma().call.create({ data: { organizationId, sipCallId: 'old', entryNumber: '+33198770000', callee: '+33198770000', flowId, flowVersionId: v2.id, startedAt: before, endedAt: before, outcome: 'answered' } });
    expect((await admin.put(`/api/flows/${flowId}/canary`, { version: 1, percent: 50 })).status).toBe(201);
    const at = (s: number) => new Date(Date.now() + s * 1000);
    const call = (canary: boolean, outcome: 'answered' | 'abandoned' | 'cancelled' | null, waitMs: number | null, ended = true) =>
      testPrisma().call.create({
        data: {
          organizationId, sipCallId: `c${Math.random()}`, entryNumber: '+33198770000', callee: '+33198770000', caller: '+33611111111', flowId,
          flowVersionId: canary ? v1.id : v2.id, canary, startedAt: at(1), endedAt: ended ? at(60) : null, outcome,
          ...(outcome === 'answered' ? { queuedAt: at(5), agentAnsweredAt: at(5 + (waitMs ?? 0) / 1000), waitMs } : {}),
        },
      });
    await Promise.all([
      call(false, 'answered', 10_000), call(false, 'answered', 20_000), call(false, 'abandoned', null), call(false, null, null),
      call(true, 'answered', 40_000), call(true, 'cancelled', null), call(true, 'abandoned', null), call(true, null, null, false),
    ]);
    const { body } = await admin.get(`/api/flows/${flowId}/canary`);
    expect(body.comparison.live).toMatchObject({
      calls: 4, ended: 4, inProgress: 0, outcomes: { answered: 2, abandoned: 1, cancelled: 0, flow_end: 1 }, answerRate: 0.5, abandonRate: 0.25, avgTimeToAnswerMs: 15_000,
    });
    expect(body.comparison.canary).toMatchObject({
      calls: 4, ended: 3, inProgress: 1, outcomes: { answered: 1, abandoned: 1, cancelled: 1 }, answerRate: 0.3333, abandonRate: 0.6667, avgTimeToAnswerMs: 40_000,
    });

    const canaryCalls = await admin.get(`/api/calls?flowId=${flowId}&version=canary`);
    expect(canaryCalls.status).toBe(200);
    expect(canaryCalls.body.items).toHaveLength(4);
    expect(canaryCalls.body.items.every((c: { canary: boolean; flowVersionNumber: number }) => c.canary && c.flowVersionNumber === 1)).toBe(true);
    const liveCalls = await admin.get(`/api/calls?flowId=${flowId}&version=live`);
    expect(liveCalls.body.items).toHaveLength(5);
    expect(liveCalls.body.items.every((c: { canary: boolean }) => !c.canary)).toBe(true);
    // the CSV export says which calls ran the canary (column "Canary" / "Canari")
    const exported = await admin.get(`/api/calls/export.csv?flowId=${flowId}&lang=fr`);
    const rows = (exported.body as string).replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((l) => l.split(';'));
    const column = rows[0].indexOf('Canari');
    expect(column).toBe(rows[0].indexOf('Version') + 1);
    expect(rows.slice(1).map((r) => r[column]).sort()).toEqual(['', '', '', '', '', 'canari', 'canari', 'canari', 'canari']);
    const bad = await admin.get(`/api/calls?version=beta`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.path).toBe('/version');
  });
});

describe('promote and stop', () => {
  it("promote publishes the canary's document as version N+1, ends the canary, is audited and announced", async () => {
    const { flowId } = await flowWithVersions('Canary promote');
    const v1 = await testPrisma().flowVersion.findFirstOrThrow({ where: { flowId, number: 1 } });
    expect((await admin.put(`/api/flows/${flowId}/canary`, { version: 1, percent: 20 })).status).toBe(201);
    const bad = await admin.post(`/api/flows/${flowId}/canary/promote`, { note: 42 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.path).toBe('/note');
    const { result: promoted, payloads } = await listen(() => supervisor.post(`/api/flows/${flowId}/canary/promote`, { note: 'fewer abandons' }));
    expect(promoted.status, JSON.stringify(promoted.body)).toBe(201);
    expect(promoted.body).toMatchObject({ number: 3, sourceVersionNumber: 1 });
    expect(promoted.body.note).toMatch(/1.*fewer abandons/);
    expect(promoted.body.document).toEqual(v1.document);
    await expect.poll(() => payloads().filter((p) => p.flowId === flowId).map((p) => p.number)).toEqual([3]);
    expect((await admin.get(`/api/flows/${flowId}/canary`)).body).toEqual({ canary: null, comparison: null });
    expect((await admin.get(`/api/flows/${flowId}/versions`)).body.liveNumber).toBe(3);
    const audit = await testPrisma().auditLog.findFirstOrThrow({ where: { entityId: flowId, action: 'flow.canary_promote' } });
    expect(audit.details).toMatchObject({ number: 3, sourceNumber: 1, percent: 20 });
    const again = await admin.post(`/api/flows/${flowId}/canary/promote`);
    expect(again.status).toBe(404);
  });

  it('stop ends the canary (204, audited); stopping none is 404', async () => {
    const { flowId } = await flowWithVersions('Canary stop');
    expect((await admin.put(`/api/flows/${flowId}/canary`, { version: 1, percent: 20 })).status).toBe(201);
    const stopped = await supervisor.delete(`/api/flows/${flowId}/canary`);
    expect(stopped.status).toBe(204);
    expect(await testPrisma().flowCanary.count({ where: { flowId } })).toBe(0);
    expect((await admin.get(`/api/flows/${flowId}/versions`)).body.liveNumber).toBe(2);
    expect(await testPrisma().auditLog.count({ where: { entityId: flowId, action: 'flow.canary_stop' } })).toBe(1);
    const none = await admin.delete(`/api/flows/${flowId}/canary`);
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('NOT_FOUND');
  });
});

describe('the draft as canary', () => {
  it('publishes the draft as canary version N+1 (never live, readable, runtime-loadable, immutable); promote makes N+2 live', async () => {
    const { flowId } = await flowWithVersions('Canary draft');
    const live = await testPrisma().flowVersion.findFirstOrThrow({ where: { flowId, number: 2 } });
    const draft = await admin.get(`/api/flows/${flowId}/draft`);
    expect(draft.status).toBe(200);
    // changed, with a warning (a step nothing leads to)
    const changed = { ...draft.body.document, name: 'Canary draft (changed)', nodes: [...draft.body.document.nodes, { id: 'orphan', type: 'hangup', position: { x: 600, y: 300 }, label: 'Orphan', config: {} }] };
    const saved = await admin.put(`/api/flows/${flowId}/draft`, { document: changed, revision: draft.body.revision });
    expect(saved.status, JSON.stringify(saved.body)).toBeLessThan(300);

    // the same checks as publish: warnings must be acknowledged
    const unacknowledged = await admin.put(`/api/flows/${flowId}/canary`, { version: 'draft', percent: 20 });
    expect(unacknowledged.status, JSON.stringify(unacknowledged.body)).toBe(409);
    expect(unacknowledged.body.error.code).toBe('WARNINGS_NOT_ACKNOWLEDGED');
    const badVersion = await admin.put(`/api/flows/${flowId}/canary`, { version: 'drafts', percent: 20 });
    expect(badVersion.status).toBe(400);
    expect(badVersion.body.error.path).toBe('/version');
    expect(await testPrisma().flowVersion.count({ where: { flowId, status: 'canary' } })).toBe(0);

    const { result: started, payloads } = await listen(() => admin.put(`/api/flows/${flowId}/canary`, { version: 'draft', percent: 20, acknowledgeWarnings: true, note: 'new greeting' }));
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body.canary).toMatchObject({ version: { number: 3 }, liveVersion: { number: 2 }, percent: 20 });
    await expect.poll(() => payloads().filter((p) => p.flowId === flowId && p.canary === 'started').map((p) => p.number)).toEqual([3]);
    const canaryRow = await testPrisma().flowVersion.findFirstOrThrow({ where: { flowId, number: 3 } });
    expect(canaryRow.status).toBe('canary');
    expect((canaryRow.document as { name: string }).name).toBe('Canary draft (changed)');
    const audit = await testPrisma().auditLog.findFirstOrThrow({ where: { entityId: flowId, action: 'flow.canary_start' } });
    expect(audit.details).toMatchObject({ number: 3, fromDraft: true, liveNumber: 2 });

    // live is unchanged everywhere; the canary version is listed, tagged and readable by number
    const versions = await admin.get(`/api/flows/${flowId}/versions`);
    expect(versions.body.liveNumber).toBe(2);
    expect(versions.body.versions.map((v: { number: number; status: string }) => [v.number, v.status])).toEqual([[3, 'canary'], [2, 'published'], [1, 'published']]);
    const one = await admin.get(`/api/flows/${flowId}/versions/3`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ number: 3, status: 'canary', note: 'new greeting' });
    expect(one.body.document.name).toBe('Canary draft (changed)');

    // the runtime loads it for the callers in the share, live for the others
    const store = new FlowStore(testPrisma());
    const number = await testPrisma().phoneNumber.findFirstOrThrow({ where: { flowId } });
    const route: NumberRoute = { phoneNumberId: number.id, organizationId, timezone: 'Europe/Paris', defaultLanguage: 'fr', flowId };
    expect((await store.latestPublished(flowId, organizationId))?.versionId).toBe(live.id);
    const picks = await Promise.all(Array.from({ length: 60 }, (_, i) => store.forCall(route, { caller: `+336120000${String(i).padStart(2, '0')}`, sipCallId: `d${i}` })));
    expect(picks.some((p) => p?.canary && p.versionId === canaryRow.id)).toBe(true);
    expect(picks.filter((p) => !p?.canary).every((p) => p?.versionId === live.id)).toBe(true);
    expect(await store.warm(canaryRow.id)).toEqual({ flowId, number: 3 });
    expect((await store.latestPublished(flowId, organizationId))?.versionId).toBe(live.id);

    // immutable like a published version
    await expect(testPrisma().flowVersion.update({ where: { id: canaryRow.id }, data: { note: 'changed' } })).rejects.toThrow(/immutable/);

    // a normal publish still numbers after it; promote copies the canary document as the next live version
    const promoted = await admin.post(`/api/flows/${flowId}/canary/promote`, {});
    expect(promoted.status, JSON.stringify(promoted.body)).toBe(201);
    expect(promoted.body).toMatchObject({ number: 4, sourceVersionNumber: 3, status: 'published' });
    expect(promoted.body.document).toEqual(canaryRow.document);
    expect((await admin.get(`/api/flows/${flowId}/versions`)).body.liveNumber).toBe(4);
    expect((await store.latestPublished(flowId, organizationId))?.versionId).toBe(promoted.body.id);
    const published = await admin.post(`/api/flows/${flowId}/publish`, { acknowledgeWarnings: true });
    expect(published.status).toBe(201);
    expect(published.body.number).toBe(5);
  });

  it("runs the draft's saved test cases first: a failing one refuses with 409 TESTS_FAILING until acknowledged", async () => {
    const { flowId } = await flowWithVersions('Canary draft with a failing case');
    const draft = await admin.get(`/api/flows/${flowId}/draft`);
    // nobody is registered: a call expected to be answered cannot be
    const failing = { id: 'case_answered', name: 'Answered by an agent', input: { caller: '+33612345678', called: '+33198770000', at: '2026-12-08T10:00', actions: [] }, expect: { outcome: 'answered' } };
    const saved = await admin.put(`/api/flows/${flowId}/draft`, { document: { ...draft.body.document, tests: [failing] }, revision: draft.body.revision });
    expect(saved.status, JSON.stringify(saved.body)).toBeLessThan(300);

    const refused = await admin.put(`/api/flows/${flowId}/canary`, { version: 'draft', percent: 20, acknowledgeWarnings: true });
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.error.code).toBe('TESTS_FAILING');
    expect(refused.body.error.runs.map((r: { caseId: string; passed: boolean }) => [r.caseId, r.passed])).toEqual([['case_answered', false]]);
    expect(await testPrisma().flowVersion.count({ where: { flowId, status: 'canary' } })).toBe(0);
    expect(await testPrisma().flowCanary.count({ where: { flowId } })).toBe(0);

    const started = await admin.put(`/api/flows/${flowId}/canary`, { version: 'draft', percent: 20, acknowledgeWarnings: true, acknowledgeFailingTests: true });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body.canary).toMatchObject({ version: { number: 3 }, percent: 20 });
    const audit = await testPrisma().auditLog.findFirstOrThrow({ where: { entityId: flowId, action: 'flow.canary_start' } });
    expect(audit.details).toMatchObject({ fromDraft: true, acknowledgedFailingTests: [{ caseId: 'case_answered', name: 'Answered by an agent' }] });
  });

  it('refuses the draft as canary when nothing is live yet', async () => {
    const created = await admin.post('/api/flows', { name: 'Canary draft, never published', document: document() });
    const res = await admin.put(`/api/flows/${created.body.id}/canary`, { version: 'draft', percent: 20, acknowledgeWarnings: true });
    expect(res.status).toBe(400);
    expect(res.body.error.path).toBe('/version');
    expect(await testPrisma().flowVersion.count({ where: { flowId: created.body.id, status: { not: 'draft' } } })).toBe(0);
  });
});

describe('access', () => {
  it('is for admins and supervisors of the organisation', async () => {
    const { flowId } = await flowWithVersions('Canary access');
    for (const res of [
      await agent.get(`/api/flows/${flowId}/canary`),
      await agent.put(`/api/flows/${flowId}/canary`, { version: 1, percent: 20 }),
      await agent.post(`/api/flows/${flowId}/canary/promote`),
      await agent.delete(`/api/flows/${flowId}/canary`),
    ]) expect(res.status).toBe(403);
    for (const res of [
      await otherOrgAdmin.get(`/api/flows/${flowId}/canary`),
      await otherOrgAdmin.put(`/api/flows/${flowId}/canary`, { version: 1, percent: 20 }),
      await otherOrgAdmin.post(`/api/flows/${flowId}/canary/promote`),
      await otherOrgAdmin.delete(`/api/flows/${flowId}/canary`),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    expect(await testPrisma().flowCanary.count({ where: { flowId } })).toBe(0);
  });
});
