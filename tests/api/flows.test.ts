// Flows and their drafts over HTTP: creation, validation with exact JSON pointers,
// organisation isolation, roles, optimistic concurrency.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { testPrisma } from '../support/context';
import { createOrganizationWithUsers } from '../support/factories';
import { api, signIn } from '../support/http';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/flows');
const readFixture = (name: string) => JSON.parse(readFileSync(path.join(fixtures, name), 'utf8'));

type Client = ReturnType<typeof api>;
let admin: Client;
let supervisor: Client;
let agent: Client;
let otherOrgAdmin: Client;
let groupId: string;

/** The demo fixture with its placeholder group replaced by a real group of the organisation. */
function withGroup(document: unknown): unknown {
  return JSON.parse(JSON.stringify(document).replaceAll('"grp_accueil"', JSON.stringify(groupId)));
}

beforeAll(async () => {
  const prisma = testPrisma();
  const a = await createOrganizationWithUsers(prisma, 'Flows A');
  const b = await createOrganizationWithUsers(prisma, 'Flows B');
  [admin, supervisor, agent, otherOrgAdmin] = (await Promise.all([a.admin, a.supervisor, a.agent, b.admin].map(signIn))).map(api);
  const group = await admin.post('/api/groups', { name: 'Accueil', members: [] });
  expect(group.status).toBe(201);
  groupId = group.body.id;
});

describe('flows', () => {
  it('creates a flow with an empty but valid draft, and lists it', async () => {
    const created = await supervisor.post('/api/flows', { name: 'Standard', description: 'Main line' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Standard', description: 'Main line', draft: { revision: 1 }, publishedVersion: null });

    const draft = await admin.get(`/api/flows/${created.body.id}/draft`);
    expect(draft.status).toBe(200);
    expect(draft.body.revision).toBe(1);
    expect(draft.body.document.nodes).toHaveLength(1);

    const list = await agent.get('/api/flows');
    expect(list.body.flows.map((f: { name: string }) => f.name)).toContain('Standard');
  });

  it('creates a flow from a starting document', async () => {
    const created = await admin.post('/api/flows', { name: 'Demo', document: withGroup(readFixture('good/demo.json')) });
    expect(created.status).toBe(201);
    const draft = await admin.get(`/api/flows/${created.body.id}/draft`);
    expect(draft.body.document.nodes.map((n: { id: string }) => n.id)).toContain('menu');
  });

  it('rejects a missing or blank name with the field path', async () => {
    const missing = await admin.post('/api/flows', { description: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/name' });
    const blank = await admin.post('/api/flows', { name: '   ' });
    expect(blank.body.error.path).toBe('/name');
    const extra = await admin.post('/api/flows', { name: 'ok', colour: 'red' });
    expect(extra.body.error.path).toBe('/colour');
  });

  it('answers 400 INVALID_JSON to a body that is not JSON', async () => {
    const res = await admin.post('/api/flows', '{"name": ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_JSON');
  });

  it('renames a flow', async () => {
    const { body: flow } = await admin.post('/api/flows', { name: 'Old name' });
    const renamed = await supervisor.patch(`/api/flows/${flow.id}`, { name: 'New name', description: null });
    expect(renamed.status).toBe(200);
    expect((await agent.get(`/api/flows/${flow.id}`)).body).toMatchObject({ name: 'New name', description: null });
    const audit = await testPrisma().auditLog.findMany({ where: { entityId: flow.id } });
    expect(audit.map((a) => a.action).sort()).toEqual(['flow.create', 'flow.update']);
  });
});

describe('draft validation', () => {
  it('rejects a flow with a bad step config with 400 and the JSON pointer of the bad field', async () => {
    const { body: flow } = await admin.post('/api/flows', { name: 'Bad menu' });
    const bad = readFixture('bad/menu-negative-timeout.json');
    const res = await admin.put(`/api/flows/${flow.id}/draft`, { document: withGroup(bad.flow), revision: 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.path).toBe('/document/nodes/1/config/timeoutSeconds');
    expect(res.body.error.problems[0]).toMatchObject({ path: '/document/nodes/1/config/timeoutSeconds', nodeId: 'menu' });
    // Nothing was saved.
    const draft = await admin.get(`/api/flows/${flow.id}/draft`);
    expect(draft.body.revision).toBe(1);
    expect(draft.body.document.nodes).toHaveLength(1);
  });

  it('rejects a reference to a group of another organisation', async () => {
    const { body: flow } = await admin.post('/api/flows', { name: 'Foreign group' });
    const foreign = await otherOrgAdmin.post('/api/groups', { name: 'Theirs' });
    const document = JSON.parse(JSON.stringify(readFixture('good/demo.json')).replaceAll('"grp_accueil"', JSON.stringify(foreign.body.id)));
    const res = await admin.put(`/api/flows/${flow.id}/draft`, { document, revision: 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.path).toBe('/document/nodes/2/config/groupId');
    expect(res.body.error.problems[0].code).toBe('reference.missing');
  });

  it('saves a valid draft and bumps its revision', async () => {
    const { body: flow } = await admin.post('/api/flows', { name: 'Saved' });
    const document = withGroup(readFixture('good/demo.json'));
    const saved = await supervisor.put(`/api/flows/${flow.id}/draft`, { document, revision: 1 });
    expect(saved.status).toBe(200);
    expect(saved.body.revision).toBe(2);
    const draft = await agent.get(`/api/flows/${flow.id}/draft`);
    expect(draft.body).toMatchObject({ revision: 2, document });
  });

  it('refuses a save from a stale revision with 409 and leaves the stored draft unchanged', async () => {
    const { body: flow } = await admin.post('/api/flows', { name: 'Concurrent' });
    const first = withGroup(readFixture('good/demo.json')) as { name: string };
    expect((await admin.put(`/api/flows/${flow.id}/draft`, { document: first, revision: 1 })).status).toBe(200);

    const second = { ...first, name: 'Overwritten by a stale editor' };
    const stale = await supervisor.put(`/api/flows/${flow.id}/draft`, { document: second, revision: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'CONFLICT', currentRevision: 2 });

    const draft = await admin.get(`/api/flows/${flow.id}/draft`);
    expect(draft.body.revision).toBe(2);
    expect(draft.body.document.name).toBe(first.name);
  });
});

describe('organisations and roles', () => {
  it("gives a user of another organisation 404 for a flow, whatever the method", async () => {
    const { body: flow } = await admin.post('/api/flows', { name: 'Private' });
    for (const res of [
      await otherOrgAdmin.get(`/api/flows/${flow.id}`),
      await otherOrgAdmin.get(`/api/flows/${flow.id}/draft`),
      await otherOrgAdmin.patch(`/api/flows/${flow.id}`, { name: 'Hijacked' }),
      await otherOrgAdmin.put(`/api/flows/${flow.id}/draft`, { document: readFixture('good/demo.json'), revision: 1 }),
      await otherOrgAdmin.delete(`/api/flows/${flow.id}`),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    expect((await otherOrgAdmin.get('/api/flows')).body.flows.map((f: { id: string }) => f.id)).not.toContain(flow.id);
    expect((await admin.get(`/api/flows/${flow.id}`)).body.name).toBe('Private');
  });

  it('does not let an agent delete a flow (403), and the flow still exists', async () => {
    const { body: flow } = await admin.post('/api/flows', { name: 'Keep me' });
    const res = await agent.delete(`/api/flows/${flow.id}`);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect((await admin.get(`/api/flows/${flow.id}`)).status).toBe(200);
  });

  it('does not let an agent create, rename or edit a flow', async () => {
    const { body: flow } = await admin.post('/api/flows', { name: 'Read only for agents' });
    expect((await agent.post('/api/flows', { name: 'x' })).status).toBe(403);
    expect((await agent.patch(`/api/flows/${flow.id}`, { name: 'x' })).status).toBe(403);
    expect((await agent.put(`/api/flows/${flow.id}/draft`, { document: {}, revision: 1 })).status).toBe(403);
    expect((await agent.get(`/api/flows/${flow.id}`)).status).toBe(200);
  });

  it('lets a supervisor delete a flow: it leaves the list and answers 404', async () => {
    const { body: flow } = await admin.post('/api/flows', { name: 'Delete me' });
    expect((await supervisor.delete(`/api/flows/${flow.id}`)).status).toBe(204);
    expect((await admin.get(`/api/flows/${flow.id}`)).status).toBe(404);
    expect((await admin.get('/api/flows')).body.flows.map((f: { id: string }) => f.id)).not.toContain(flow.id);
    // Soft delete: the row and its versions remain for call history.
    expect(await testPrisma().flow.findUnique({ where: { id: flow.id } })).not.toBeNull();
  });
});
