// Issue 16 item 1: deleting what a flow uses. For each kind a flow can name (group, calendar,
// sound, agent, forbidden list, number, flow): used by a draft → 409 IN_USE naming the flow;
// used by the live version → 409; used only by an older version, or by nothing → deleted.
// A running canary's version counts like the live one (it takes new calls).
// GET /api/usage says the same; other organisations see nothing of it.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { testPrisma } from '../support/context';
import { createOrganizationWithUsers } from '../support/factories';
import { api, signIn } from '../support/http';

/* eslint-disable @typescript-eslint/no-explicit-any -- flow documents and answers are plain JSON */
type Client = ReturnType<typeof api>;
type Kind = 'groups' | 'calendars' | 'sounds' | 'agents' | 'forbiddenLists' | 'numbers' | 'flows';

let admin: Client;
let outsider: Client;
let organizationId: string;

beforeAll(async () => {
  const prisma = testPrisma();
  const a = await createOrganizationWithUsers(prisma, 'Safe deletes A');
  const b = await createOrganizationWithUsers(prisma, 'Safe deletes B');
  organizationId = a.organization.id;
  [admin, outsider] = (await Promise.all([a.admin, b.admin].map(signIn))).map(api);
});

const unique = () => randomBytes(4).toString('hex');
const uniqueNumber = () => `+3319700${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`;

/** Creates one object of the kind; returns its id, its API URL and its name. */
async function createObject(kind: Kind): Promise<{ id: string; url: string; name: string }> {
  const name = `${kind} ${unique()}`;
  const created = async (path: string, body: unknown, display = name) => {
    const res = await admin.post(path, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { id: res.body.id as string, url: `${path}/${res.body.id}`, name: display };
  };
  switch (kind) {
    case 'groups':
      return created('/api/groups', { name, members: [] });
    case 'calendars':
      return created('/api/calendars', { name, timezone: 'Europe/Paris' });
    case 'agents':
      return created('/api/agents', { name, sipUsername: `sd${unique()}`, sipPassword: `Pw-${randomBytes(12).toString('hex')}` });
    case 'forbiddenLists':
      return created('/api/forbidden-lists', { name, entries: [] });
    case 'numbers': {
      const e164 = uniqueNumber();
      return created('/api/numbers', { e164 }, e164);
    }
    case 'flows':
      return created('/api/flows', { name });
    case 'sounds': {
      const sound = await testPrisma().sound.create({ data: { organizationId, name, data: new Uint8Array(44) } });
      return { id: sound.id, url: `/api/sounds/${sound.id}`, name };
    }
  }
}

/** A flow document whose step "uses" names the object (or, without id, a flow naming nothing). */
function documentUsing(kind: Kind, id: string | null) {
  const bye = { id: 'bye', type: 'hangup', position: { x: 300, y: 0 }, config: {} };
  const step = (type: string, config: unknown, outputs: string[]) => ({
    nodes: [{ id: 'uses', type, label: 'Uses it', position: { x: 0, y: 0 }, config }, bye],
    edges: outputs.map((output, i) => ({ id: `e${i}`, source: 'uses', sourceOutput: output, target: 'bye' })),
  });
  const parts =
    id === null
      ? { nodes: [{ ...bye, id: 'uses' }], edges: [] }
      : {
          groups: () => step('voicemail', { mailbox: { kind: 'group', groupId: id } }, []),
          agents: () => step('voicemail', { mailbox: { kind: 'agent', agentId: id } }, []),
          calendars: () => step('hours', { calendarId: id }, ['open', 'closed']),
          sounds: () => step('message', { prompt: { kind: 'sound', soundId: id } }, ['next']),
          forbiddenLists: () => step('forbidden-transfer', { mode: 'lists', forbiddenListIds: [id] }, ['next']),
          numbers: () => step('sms', { to: { kind: 'caller' }, fromNumberId: id, template: 'Bonjour' }, ['sent']),
          flows: () => step('redirect', { target: { kind: 'flow', flowId: id } }, ['failed']),
        }[kind]();
  return { schemaVersion: 1, name: 'Doc', language: 'fr', entry: 'uses', ...parts };
}

async function createFlowUsing(kind: Kind, id: string, name = `Flow ${unique()}`): Promise<string> {
  const res = await admin.post('/api/flows', { name, document: documentUsing(kind, id) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

async function saveDraft(flowId: string, document: unknown): Promise<void> {
  const { body: draft } = await admin.get(`/api/flows/${flowId}/draft`);
  const saved = await admin.put(`/api/flows/${flowId}/draft`, { document, revision: draft.revision });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
}

async function publish(flowId: string): Promise<void> {
  const res = await admin.post(`/api/flows/${flowId}/publish`, { acknowledgeWarnings: true });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

const KINDS: Kind[] = ['groups', 'calendars', 'sounds', 'agents', 'forbiddenLists', 'numbers', 'flows'];

describe.each(KINDS)('deleting %s', (kind) => {
  it('is refused while a draft uses it, naming the flow and the step', async () => {
    const target = await createObject(kind);
    const flowName = `Accueil ${unique()}`;
    const flowId = await createFlowUsing(kind, target.id, flowName);

    const res = await admin.delete(target.url);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('IN_USE');
    expect(res.body.error.message).toContain(flowName);
    expect(res.body.error.usage.flows).toEqual([{ flowId, flowName, version: null, state: 'draft', steps: [{ id: 'uses', type: expect.any(String), label: 'Uses it' }] }]);
    expect((await admin.get(target.url)).status).toBe(200);

    const usage = await admin.get(`/api/usage?kind=${kind}&id=${target.id}`);
    expect(usage.status).toBe(200);
    expect(usage.body).toMatchObject({ kind, id: target.id, name: target.name, blocking: true, flows: [{ flowId, state: 'draft' }] });
  });

  it('is refused while the live version uses it, even once the draft no longer does', async () => {
    const target = await createObject(kind);
    const flowName = `Live ${unique()}`;
    const flowId = await createFlowUsing(kind, target.id, flowName);
    await publish(flowId);
    await saveDraft(flowId, documentUsing(kind, null));

    const res = await admin.delete(target.url);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('IN_USE');
    expect(res.body.error.message).toContain(`"${flowName}" (v1, live)`);
    expect(res.body.error.usage.flows).toEqual([expect.objectContaining({ flowId, version: 1, state: 'live' })]);
  });

  it('is allowed when only an older version used it (reported as previous before)', async () => {
    const target = await createObject(kind);
    const flowId = await createFlowUsing(kind, target.id);
    await publish(flowId);
    await saveDraft(flowId, documentUsing(kind, null));
    await publish(flowId);

    const usage = await admin.get(`/api/usage?kind=${kind}&id=${target.id}`);
    expect(usage.body).toMatchObject({ blocking: false, flows: [{ flowId, version: 1, state: 'previous' }] });
    expect((await admin.delete(target.url)).status).toBe(204);
    expect((await admin.get(target.url)).status).toBe(404);
  });

  it('is allowed when nothing uses it', async () => {
    const target = await createObject(kind);
    const usage = await admin.get(`/api/usage?kind=${kind}&id=${target.id}`);
    expect(usage.body).toMatchObject({ blocking: false, flows: [] });
    expect((await admin.delete(target.url)).status).toBe(204);
  });

  it("is none of another organisation's business", async () => {
    const target = await createObject(kind);
    await createFlowUsing(kind, target.id);
    expect((await outsider.get(`/api/usage?kind=${kind}&id=${target.id}`)).status).toBe(404);
    expect((await outsider.delete(target.url)).status).toBe(404);
    expect((await admin.get(target.url)).status).toBe(200);
  });
});

describe('a running canary', () => {
  it('keeps what its version uses from being deleted, named as the canary; stopped, it no longer does', async () => {
    const group = await createObject('groups');
    const flowName = `Canary ${unique()}`;
    const { body: flow } = await admin.post('/api/flows', { name: flowName, document: documentUsing('groups', null) });
    await publish(flow.id); // v1, live: does not use the group
    await saveDraft(flow.id, documentUsing('groups', group.id));
    const canary = await admin.put(`/api/flows/${flow.id}/canary`, { version: 'draft', percent: 10, acknowledgeWarnings: true });
    expect(canary.status, JSON.stringify(canary.body)).toBe(201); // the draft runs as canary v2
    await saveDraft(flow.id, documentUsing('groups', null)); // the draft no longer uses it either

    const refused = await admin.delete(group.url);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain(`"${flowName}" (v2, canary)`);
    expect(refused.body.error.usage.flows).toEqual([expect.objectContaining({ flowId: flow.id, version: 2, state: 'canary' })]);
    expect((await admin.get(`/api/usage?kind=groups&id=${group.id}`)).body).toMatchObject({ blocking: true, flows: [{ state: 'canary', version: 2 }] });

    expect((await admin.delete(`/api/flows/${flow.id}/canary`)).status).toBe(204);
    expect((await admin.get(`/api/usage?kind=groups&id=${group.id}`)).body).toMatchObject({ blocking: false, flows: [{ state: 'previous', version: 2 }] });
    expect((await admin.delete(group.url)).status).toBe(204);
  });
});

describe('what is not a use', () => {
  it('does not count an id written in a spoken text, nor a deleted flow', async () => {
    const group = await createObject('groups');
    const spoken = {
      schemaVersion: 1, name: 'Doc', language: 'fr', entry: 'say',
      nodes: [{ id: 'say', type: 'message', position: { x: 0, y: 0 }, config: { prompt: { kind: 'tts', text: { fr: `"${group.id}"` } } } }],
      edges: [],
    };
    expect((await admin.post('/api/flows', { name: `Spoken ${unique()}`, document: spoken })).status).toBe(201);
    const deletedFlow = await createFlowUsing('groups', group.id);
    expect((await admin.delete(`/api/flows/${deletedFlow}`)).status).toBe(204);
    expect((await admin.delete(group.url)).status).toBe(204);
  });

  it('lets a flow that redirects to itself be deleted', async () => {
    const { body: flow } = await admin.post('/api/flows', { name: `Loop ${unique()}` });
    await saveDraft(flow.id, documentUsing('flows', flow.id));
    expect((await admin.delete(`/api/flows/${flow.id}`)).status).toBe(204);
  });
});

describe('agents', () => {
  it('lists the groups an agent belongs to without refusing the delete', async () => {
    const agent = await createObject('agents');
    const group = await admin.post('/api/groups', { name: `Team ${unique()}`, members: [{ agentId: agent.id }] });
    expect(group.status, JSON.stringify(group.body)).toBe(201);
    const usage = await admin.get(`/api/usage?kind=agents&id=${agent.id}`);
    expect(usage.body).toMatchObject({ blocking: false, groups: [{ id: group.body.id, name: group.body.name }] });
    expect((await admin.delete(agent.url)).status).toBe(204);
  });
});

describe('numbers routed to a flow', () => {
  it('asks for confirmation when the flow is live, naming it', async () => {
    const flowName = `Standard ${unique()}`;
    const { body: flow } = await admin.post('/api/flows', { name: flowName, document: documentUsing('groups', null) });
    await publish(flow.id);
    const number = await admin.post('/api/numbers', { e164: uniqueNumber(), flowId: flow.id });

    const refused = await admin.delete(`/api/numbers/${number.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'IN_USE', confirmable: true, usage: { routesTo: { flowId: flow.id, flowName, live: true } } });
    expect(refused.body.error.message).toContain(flowName);

    expect((await admin.delete(`/api/numbers/${number.body.id}?confirm=true`)).status).toBe(204);
  });

  it('deletes at once a number routed to a flow never published', async () => {
    const { body: flow } = await admin.post('/api/flows', { name: `Draft only ${unique()}` });
    const number = await admin.post('/api/numbers', { e164: uniqueNumber(), flowId: flow.id });
    expect((await admin.delete(`/api/numbers/${number.body.id}`)).status).toBe(204);
  });

  it('are listed as what uses the flow', async () => {
    const { body: flow } = await admin.post('/api/flows', { name: `Entry ${unique()}` });
    const e164 = uniqueNumber();
    const number = await admin.post('/api/numbers', { e164, flowId: flow.id, label: 'Accueil' });
    const usage = await admin.get(`/api/usage?kind=flows&id=${flow.id}`);
    expect(usage.body.numbers).toEqual([{ id: number.body.id, e164, label: 'Accueil' }]);
    expect(usage.body.blocking).toBe(true); // deleteFlow refuses while a number routes to it
  });
});

describe('GET /api/usage', () => {
  it('names the failing parameter', async () => {
    const bad = await admin.get('/api/usage?kind=contacts&id=x');
    expect(bad.status).toBe(400);
    expect(bad.body.error.path).toBe('/kind');
    expect((await admin.get('/api/usage?kind=groups')).body.error.path).toBe('/id');
    expect((await admin.get('/api/usage?kind=groups&id=nope')).status).toBe(404);
  });
});

describe('voicemails of a deleted group', () => {
  it('keep the group name once the group is deleted', async () => {
    const prisma = testPrisma();
    const group = await createObject('groups');
    const voicemail = await prisma.voicemail.create({
      data: { organizationId, mailboxKind: 'group', groupId: group.id, durationMs: 1000, audio: new Uint8Array(44) },
    });
    expect((await admin.delete(group.url)).status).toBe(204);
    const listed = await admin.get('/api/voicemails');
    const row = listed.body.voicemails.find((v: any) => v.id === voicemail.id);
    expect(row.mailbox).toEqual({ kind: 'group', id: null, name: null, deletedName: group.name });
  });
});
