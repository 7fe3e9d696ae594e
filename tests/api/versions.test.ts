// Publishing, history, diff, rollback, duplication and the audit log over HTTP (issue 7).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { testPrisma } from '../support/context';
import { createOrganizationWithUsers } from '../support/factories';
import { api, signIn } from '../support/http';

/* eslint-disable @typescript-eslint/no-explicit-any -- flow documents are inspected as plain JSON */
type Doc = { nodes: any[]; edges: any[]; entry: string; [k: string]: any };
type Client = ReturnType<typeof api>;

const demo = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../fixtures/flows/good/demo.json'), 'utf8'));
let admin: Client;
let supervisor: Client;
let agent: Client;
let otherOrgAdmin: Client;
let groupId: string;

/** The demo flow with its placeholder group replaced by a real group of the organisation. */
function demoDocument(): Doc {
  return JSON.parse(JSON.stringify(demo).replaceAll('"grp_accueil"', JSON.stringify(groupId)));
}

/** A step nobody reaches: saving is fine, publishing warns (node.unreachable). */
function withUnreachableStep(document: Doc): Doc {
  return {
    ...document,
    nodes: [...document.nodes, { id: 'orphan', type: 'hangup', position: { x: 600, y: 300 }, label: 'Orphan', config: {} }],
  };
}

/** The queue group's required "no answer" output left unconnected: a draft may keep it, publishing may not. */
function withRequiredOutputUnconnected(document: Doc): Doc {
  return { ...document, edges: document.edges.filter((e) => e.id !== 'e5') };
}

async function createFlow(name: string, document: Doc = demoDocument()): Promise<string> {
  const created = await admin.post('/api/flows', { name, document });
  expect(created.status).toBe(201);
  return created.body.id;
}

async function saveDraft(client: Client, flowId: string, document: Doc): Promise<number> {
  const { body: draft } = await client.get(`/api/flows/${flowId}/draft`);
  const saved = await client.put(`/api/flows/${flowId}/draft`, { document, revision: draft.revision });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  return saved.body.revision;
}

beforeAll(async () => {
  const prisma = testPrisma();
  const a = await createOrganizationWithUsers(prisma, 'Versions A');
  const b = await createOrganizationWithUsers(prisma, 'Versions B');
  [admin, supervisor, agent, otherOrgAdmin] = (await Promise.all([a.admin, a.supervisor, a.agent, b.admin].map(signIn))).map(api);
  const group = await admin.post('/api/groups', { name: 'Accueil', members: [] });
  expect(group.status).toBe(201);
  groupId = group.body.id;
});

describe('publish', () => {
  it('refuses a draft with an error, lists the error, and creates no version', async () => {
    const flowId = await createFlow('With an error', withRequiredOutputUnconnected(demoDocument()));
    const res = await supervisor.post(`/api/flows/${flowId}/publish`, { note: 'first', acknowledgeWarnings: true });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.problems).toContainEqual(
      expect.objectContaining({ severity: 'error', code: 'output.required-unconnected', nodeId: 'agents', path: '/nodes/2' }),
    );
    expect((await admin.get(`/api/flows/${flowId}/versions`)).body.versions).toEqual([]);
    expect(await testPrisma().flowVersion.count({ where: { flowId, status: 'published' } })).toBe(0);
    expect(await testPrisma().auditLog.count({ where: { entityId: flowId, action: 'flow.publish' } })).toBe(0);
  });

  it('needs warnings acknowledged: 409 listing them, then 201 with acknowledgeWarnings', async () => {
    const flowId = await createFlow('With a warning', withUnreachableStep(demoDocument()));
    const refused = await supervisor.post(`/api/flows/${flowId}/publish`, { note: 'with orphan' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('WARNINGS_NOT_ACKNOWLEDGED');
    expect(refused.body.error.problems).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'node.unreachable', nodeId: 'orphan' }));
    expect(await testPrisma().flowVersion.count({ where: { flowId, status: 'published' } })).toBe(0);

    const published = await supervisor.post(`/api/flows/${flowId}/publish`, { note: 'with orphan', acknowledgeWarnings: true });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ number: 1, note: 'with orphan', author: { name: 'Test supervisor' }, sourceVersionNumber: null });
    expect(published.body.warnings.map((w: any) => w.code)).toContain('node.unreachable');
    expect(published.body.document.nodes.map((n: any) => n.id)).toContain('orphan');
  });

  it('numbers versions 1, 2, 3, lists them newest first, and the flow shows the live one', async () => {
    const flowId = await createFlow('Numbered');
    for (const note of ['one', 'two', 'three']) {
      const res = await admin.post(`/api/flows/${flowId}/publish`, { note });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const list = await agent.get(`/api/flows/${flowId}/versions`);
    expect(list.status).toBe(200);
    expect(list.body.liveNumber).toBe(3);
    expect(list.body.versions.map((v: any) => [v.number, v.note, v.author.name])).toEqual([
      [3, 'three', 'Test admin'],
      [2, 'two', 'Test admin'],
      [1, 'one', 'Test admin'],
    ]);
    expect((await agent.get(`/api/flows/${flowId}`)).body.publishedVersion.number).toBe(3);
    const one = await agent.get(`/api/flows/${flowId}/versions/1`);
    expect(one.status).toBe(200);
    expect(one.body.document).toEqual(demoDocument());
    expect((await agent.get(`/api/flows/${flowId}/versions/9`)).status).toBe(404);
  });

  it('gives concurrent publishes distinct consecutive numbers', async () => {
    const flowId = await createFlow('Concurrent');
    const results = await Promise.all([1, 2, 3, 4].map(() => admin.post(`/api/flows/${flowId}/publish`, {})));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(results.map((r) => r.body.number).sort()).toEqual([1, 2, 3, 4]);
  });

  it('refuses a publish of a draft that changed since it was reviewed', async () => {
    const flowId = await createFlow('Reviewed');
    const res = await admin.post(`/api/flows/${flowId}/publish`, { expectedRevision: 7 });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'CONFLICT', currentRevision: 1, path: '/expectedRevision' });
  });

  it('accepts an empty body and rejects unknown fields with their path', async () => {
    const flowId = await createFlow('Bodies');
    const extra = await admin.post(`/api/flows/${flowId}/publish`, { notes: 'typo' });
    expect(extra.status).toBe(400);
    expect(extra.body.error.path).toBe('/notes');
    expect((await admin.post(`/api/flows/${flowId}/publish`)).status).toBe(201);
  });

  it('sends NOTIFY relais_flow_published with the new version, after commit', async () => {
    const flowId = await createFlow('Notified');
    const listener = new pg.Client({ connectionString: inject('databaseUrl') });
    await listener.connect();
    try {
      const received: string[] = [];
      listener.on('notification', (n) => n.channel === 'relais_flow_published' && received.push(n.payload ?? ''));
      await listener.query('LISTEN relais_flow_published');
      const published = await admin.post(`/api/flows/${flowId}/publish`, {});
      await expect.poll(() => received.map((p) => JSON.parse(p)).filter((p) => p.flowId === flowId)).toEqual([
        { organizationId: expect.any(String), flowId, versionId: published.body.id, number: 1 },
      ]);
    } finally {
      await listener.end();
    }
  });
});

describe('immutability', () => {
  it('refuses to change a published version over HTTP (405) and in the database (trigger)', async () => {
    const flowId = await createFlow('Immutable');
    const published = await admin.post(`/api/flows/${flowId}/publish`, {});
    for (const res of [
      await admin.put(`/api/flows/${flowId}/versions/1`, { document: demoDocument() }),
      await admin.patch(`/api/flows/${flowId}/versions/1`, { note: 'rewritten' }),
      await admin.delete(`/api/flows/${flowId}/versions/1`),
    ]) {
      expect(res.status).toBe(405);
      expect(res.body.error.code).toBe('METHOD_NOT_ALLOWED');
    }
    await expect(testPrisma().flowVersion.update({ where: { id: published.body.id }, data: { note: 'rewritten' } })).rejects.toThrow(/immutable/);
    expect((await admin.get(`/api/flows/${flowId}/versions/1`)).body.note).toBeNull();
  });
});

describe('diff', () => {
  it('reports an added node, a removed node and a changed prompt between two versions', async () => {
    const flowId = await createFlow('Diffed');
    expect((await admin.post(`/api/flows/${flowId}/publish`, {})).status).toBe(201);

    const next = demoDocument();
    next.nodes = next.nodes.filter((n) => n.id !== 'info');
    next.edges = next.edges.filter((e) => e.source !== 'info' && e.target !== 'info');
    next.nodes.push({ id: 'news', type: 'message', position: { x: 840, y: 0 }, label: 'News', config: { prompt: { kind: 'tts', text: { fr: 'Nouveautés', en: 'News' } } } });
    next.edges.push({ id: 'e3b', source: 'menu', sourceOutput: '2', target: 'news' }, { id: 'e6b', source: 'news', sourceOutput: 'next', target: 'bye' });
    const welcome = next.nodes.find((n) => n.id === 'welcome');
    welcome.config.prompt.text.en = 'Welcome to Relais, version two.';
    next.nodes.find((n) => n.id === 'bye').position = { x: 300, y: 200 };
    await saveDraft(admin, flowId, next);
    expect((await admin.post(`/api/flows/${flowId}/publish`, {})).status).toBe(201);

    const diff = await agent.get(`/api/flows/${flowId}/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    expect(diff.body).toMatchObject({ from: 1, to: 2 });
    expect(diff.body.nodes.added).toEqual([{ id: 'news', type: 'message', label: 'News' }]);
    expect(diff.body.nodes.removed).toEqual([{ id: 'info', type: 'message', label: 'Information' }]);
    expect(diff.body.nodes.changed).toEqual([
      {
        id: 'welcome',
        type: 'message',
        label: 'Bienvenue',
        changes: [{ path: '/config/prompt/text/en', before: 'Welcome to the Relais demo.', after: 'Welcome to Relais, version two.' }],
      },
    ]);
    // A move is not a change.
    expect(diff.body.nodes.moved.map((n: any) => n.id)).toEqual(['bye']);
    expect(diff.body.edges.added.map((e: any) => e.id).sort()).toEqual(['e3b', 'e6b']);
    expect(diff.body.edges.removed.map((e: any) => e.id).sort()).toEqual(['e3', 'e6']);

    // Draft against live: nothing changed since version 2.
    const same = await agent.get(`/api/flows/${flowId}/diff?from=live&to=draft`);
    expect(same.body).toMatchObject({ from: 2, to: 'draft', nodes: { added: [], removed: [], changed: [] }, edges: { added: [], removed: [] } });

    const bad = await agent.get(`/api/flows/${flowId}/diff?from=latest&to=draft`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.path).toBe('/from');
  });
});

describe('rollback', () => {
  it('publishes version N+1 equal to the old one, says where it came from, and resets the draft', async () => {
    const flowId = await createFlow('Rolled back');
    await admin.post(`/api/flows/${flowId}/publish`, { note: 'good one' });
    const changed = demoDocument();
    changed.nodes[0].label = 'Changed welcome';
    await saveDraft(admin, flowId, changed);
    await admin.post(`/api/flows/${flowId}/publish`, { note: 'bad one' });
    const draftBefore = (await admin.get(`/api/flows/${flowId}/draft`)).body;

    const res = await supervisor.post(`/api/flows/${flowId}/versions/1/rollback`, { note: 'callers were lost' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ number: 3, note: 'Rollback to version 1: callers were lost', sourceVersionNumber: 1 });
    const [v1, v3] = await Promise.all([admin.get(`/api/flows/${flowId}/versions/1`), admin.get(`/api/flows/${flowId}/versions/3`)]);
    expect(v3.body.document).toEqual(v1.body.document);
    const draft = (await admin.get(`/api/flows/${flowId}/draft`)).body;
    expect(draft.document).toEqual(v1.body.document);
    expect(draft.revision).toBe(draftBefore.revision + 1);
    expect((await admin.get(`/api/flows/${flowId}/versions`)).body.liveNumber).toBe(3);

    const plain = await admin.post(`/api/flows/${flowId}/versions/2/rollback`);
    expect(plain.body).toMatchObject({ number: 4, note: 'Rollback to version 2', sourceVersionNumber: 2 });
    expect((await admin.post(`/api/flows/${flowId}/versions/12/rollback`, {})).status).toBe(404);
  });
});

describe('rollback and the draft (issue 16: never discards unpublished work unasked)', () => {
  it('asks what to do with a draft holding unpublished changes: 409 at /replaceDraft, then keeps or replaces it as told', async () => {
    const flowId = await createFlow('Draft at stake');
    await admin.post(`/api/flows/${flowId}/publish`, { note: 'v1' });
    const v2 = demoDocument();
    v2.nodes[0].label = 'Second';
    await saveDraft(admin, flowId, v2);
    await admin.post(`/api/flows/${flowId}/publish`, { note: 'v2' });
    const work = demoDocument();
    work.nodes[0].label = 'Work in progress';
    const revision = await saveDraft(admin, flowId, work);

    const asked = await supervisor.post(`/api/flows/${flowId}/versions/1/rollback`, {});
    expect(asked.status).toBe(409);
    expect(asked.body.error).toMatchObject({ code: 'CONFLICT', path: '/replaceDraft', reason: 'DRAFT_HAS_UNPUBLISHED_CHANGES' });
    expect((await admin.get(`/api/flows/${flowId}/versions`)).body.liveNumber).toBe(2);

    const kept = await supervisor.post(`/api/flows/${flowId}/versions/1/rollback`, { replaceDraft: false });
    expect(kept.status, JSON.stringify(kept.body)).toBe(201);
    expect(kept.body).toMatchObject({ number: 3, sourceVersionNumber: 1 });
    const draft = (await admin.get(`/api/flows/${flowId}/draft`)).body;
    expect(draft.revision).toBe(revision);
    expect(draft.document.nodes[0].label).toBe('Work in progress');
    const v1 = (await admin.get(`/api/flows/${flowId}/versions/1`)).body.document;
    expect((await admin.get(`/api/flows/${flowId}/versions/3`)).body.document).toEqual(v1);

    const replaced = await supervisor.post(`/api/flows/${flowId}/versions/2/rollback`, { replaceDraft: true });
    expect(replaced.body).toMatchObject({ number: 4, sourceVersionNumber: 2 });
    const after = (await admin.get(`/api/flows/${flowId}/draft`)).body;
    expect(after.document.nodes[0].label).toBe('Second');
    expect(after.revision).toBe(revision + 1);
    const log = await supervisor.get(`/api/audit?entityType=flow&entityId=${flowId}&limit=2`);
    expect(log.body.entries.map((e: any) => e.details.draftReplaced)).toEqual([true, false]);
    expect((await supervisor.post(`/api/flows/${flowId}/versions/1/rollback`, { replaceDraft: 'yes' })).body.error.path).toBe('/replaceDraft');
  });
});

describe('duplicate', () => {
  it('makes an independent copy with fresh ids, same references, a draft only', async () => {
    const flowId = await createFlow('Original');
    await admin.post(`/api/flows/${flowId}/publish`, {});
    const res = await supervisor.post(`/api/flows/${flowId}/duplicate`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ name: 'Copy of Original', publishedVersion: null, draft: { revision: 1 } });
    const copyId = res.body.id;
    expect(copyId).not.toBe(flowId);

    const original = (await admin.get(`/api/flows/${flowId}/draft`)).body.document as Doc;
    const copy = (await admin.get(`/api/flows/${copyId}/draft`)).body.document as Doc;
    const originalIds = new Set([...original.nodes.map((n) => n.id), ...original.edges.map((e) => e.id)]);
    for (const id of [...copy.nodes.map((n) => n.id), ...copy.edges.map((e) => e.id)]) expect(originalIds.has(id)).toBe(false);
    const copyIds = new Set(copy.nodes.map((n) => n.id));
    expect(copyIds.has(copy.entry)).toBe(true);
    for (const edge of copy.edges) expect(copyIds.has(edge.source) && copyIds.has(edge.target)).toBe(true);
    expect(copy.nodes.find((n) => n.type === 'queue-group').config.groupId).toBe(groupId);
    expect(copy.nodes.map((n) => n.label)).toEqual(original.nodes.map((n) => n.label));

    // Editing the copy leaves the original alone.
    copy.nodes[0].label = 'Only in the copy';
    await saveDraft(admin, copyId, copy);
    expect((await admin.get(`/api/flows/${flowId}/draft`)).body.document).toEqual(original);
    expect((await admin.get(`/api/flows/${flowId}/versions`)).body.versions).toHaveLength(1);
    expect((await admin.get(`/api/flows`)).body.flows.map((f: any) => f.name)).toEqual(expect.arrayContaining(['Original', 'Copy of Original']));
  });

  it('copies a published version under the name given (the dialog asks it), as it is', async () => {
    const flowId = await createFlow('Source');
    await admin.post(`/api/flows/${flowId}/publish`, {});
    await saveDraft(admin, flowId, { ...demoDocument(), nodes: demoDocument().nodes.map((n) => ({ ...n, label: `${n.label} (draft)` })) });
    const res = await admin.post(`/api/flows/${flowId}/duplicate`, { from: 1, name: 'Campaign' });
    expect(res.status).toBe(201);
    expect(res.body.name).toBe('Campaign');
    const copy = (await admin.get(`/api/flows/${res.body.id}/draft`)).body.document as Doc;
    expect(copy.nodes.map((n) => n.label)).toEqual(demoDocument().nodes.map((n) => n.label));
    expect((await admin.post(`/api/flows/${flowId}/duplicate`, { from: 5 })).status).toBe(404);
  });
});

describe('numbers', () => {
  it('show the flow and the live version each number runs', async () => {
    const flowId = await createFlow('Routed');
    const e164 = `+3319${Math.floor(Math.random() * 1e7).toString().padStart(7, '0')}`;
    const number = await admin.post('/api/numbers', { e164, flowId });
    expect(number.status).toBe(201);
    const row = async () => (await supervisor.get('/api/numbers')).body.numbers.find((n: any) => n.e164 === e164);
    expect(await row()).toMatchObject({ flow: { id: flowId, name: 'Routed' }, publishedVersion: null });
    await admin.post(`/api/flows/${flowId}/publish`, {});
    await admin.post(`/api/flows/${flowId}/publish`, {});
    expect(await row()).toMatchObject({ flow: { id: flowId }, publishedVersion: 2 });
  });
});

describe('roles and organisations', () => {
  it('does not let an agent publish, roll back or duplicate (403)', async () => {
    const flowId = await createFlow('Agents may read');
    await admin.post(`/api/flows/${flowId}/publish`, {});
    for (const res of [
      await agent.post(`/api/flows/${flowId}/publish`, {}),
      await agent.post(`/api/flows/${flowId}/versions/1/rollback`, {}),
      await agent.post(`/api/flows/${flowId}/duplicate`, {}),
      await agent.get('/api/audit'),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect((await agent.get(`/api/flows/${flowId}/versions`)).status).toBe(200);
  });

  it("answers 404 to another organisation for every version endpoint", async () => {
    const flowId = await createFlow('Private history');
    await admin.post(`/api/flows/${flowId}/publish`, {});
    for (const res of [
      await otherOrgAdmin.get(`/api/flows/${flowId}/versions`),
      await otherOrgAdmin.get(`/api/flows/${flowId}/versions/1`),
      await otherOrgAdmin.get(`/api/flows/${flowId}/diff?from=1&to=draft`),
      await otherOrgAdmin.post(`/api/flows/${flowId}/publish`, {}),
      await otherOrgAdmin.post(`/api/flows/${flowId}/versions/1/rollback`, {}),
      await otherOrgAdmin.post(`/api/flows/${flowId}/duplicate`, {}),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    const theirAudit = await otherOrgAdmin.get(`/api/audit?entityId=${flowId}`);
    expect(theirAudit.body.entries).toEqual([]);
  });
});

describe('audit log', () => {
  it('records publish, rollback, duplicate and delete, newest first, paginated', async () => {
    const flowId = await createFlow('Audited');
    await supervisor.post(`/api/flows/${flowId}/publish`, { note: 'v1' });
    await supervisor.post(`/api/flows/${flowId}/publish`, { note: 'v2' });
    await supervisor.post(`/api/flows/${flowId}/versions/1/rollback`, {});
    const copy = await supervisor.post(`/api/flows/${flowId}/duplicate`, {});
    expect((await supervisor.delete(`/api/flows/${copy.body.id}`)).status).toBe(204);

    const log = await supervisor.get(`/api/audit?entityType=flow&entityId=${flowId}`);
    expect(log.status).toBe(200);
    expect(log.body.entries.map((e: any) => e.action)).toEqual(['flow.duplicate', 'flow.rollback', 'flow.publish', 'flow.publish', 'flow.create']);
    const rollback = log.body.entries[1];
    expect(rollback).toMatchObject({ user: { name: 'Test supervisor' }, details: { number: 3, sourceNumber: 1 } });
    expect(log.body.entries[0].details).toMatchObject({ copyFlowId: copy.body.id, name: 'Copy of Audited' });

    const deleted = await admin.get(`/api/audit?entityId=${copy.body.id}`);
    expect(deleted.body.entries.map((e: any) => e.action)).toEqual(['flow.delete', 'flow.create']);

    const first = await admin.get(`/api/audit?entityId=${flowId}&limit=2`);
    expect(first.body.entries).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await admin.get(`/api/audit?entityId=${flowId}&limit=2&cursor=${first.body.nextCursor}`);
    const third = await admin.get(`/api/audit?entityId=${flowId}&limit=2&cursor=${second.body.nextCursor}`);
    expect([...first.body.entries, ...second.body.entries, ...third.body.entries].map((e: any) => e.action)).toEqual(log.body.entries.map((e: any) => e.action));
    expect(third.body.nextCursor).toBeNull();
  });
});
