// The agent console's reads over HTTP (issue 14, C3): the directory (accent- and case-insensitive
// search of agents, groups, flows and contacts; agents' availability; groups' available members;
// nothing of another organisation) and the agent's calls of the day (direction, contact name,
// group, outcome; other days and other agents' calls left out); who may ask (a user not linked to
// an agent gets 404 NOT_AN_AGENT). Placing a call needs a runtime: tests/calls/originate.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { testPrisma } from '../support/context';
import { createOrganizationWithUsers } from '../support/factories';
import { api, signIn } from '../support/http';

type Client = ReturnType<typeof api>;
let agent: Client;
let supervisor: Client;
let outsider: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  const prisma = testPrisma();
  const a = await createOrganizationWithUsers(prisma, 'Console A');
  const b = await createOrganizationWithUsers(prisma, 'Console B');
  const org = a.organization.id;
  const mk = (organizationId: string, name: string, extra: Record<string, unknown> = {}) => prisma.agent.create({
    data: { organizationId, name, sipUsername: `${name.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')}-${organizationId.slice(-6)}`, sipRealm: `realm-${organizationId}`, sipHa1: 'x', ...extra },
  });
  const helene = await mk(org, 'Hélène Durand', { extension: '401', userId: a.agent.id });
  const bruno = await mk(org, 'Bruno', { extension: '402', status: 'paused' });
  const chloe = await mk(org, 'Chloé', { extension: '403' });
  const denis = await mk(org, 'Denis', { extension: '404' });
  await mk(b.organization.id, 'Helene Autre');
  const soon = new Date(Date.now() + 3600_000);
  for (const ag of [helene, bruno, denis]) await prisma.sipRegistration.create({ data: { agentId: ag.id, contact: `sip:${ag.id}@127.0.0.1:5999`, expiresAt: soon } });
  const group = await prisma.queueGroup.create({
    data: { organizationId: org, name: 'Équipe Ventes', members: { create: [{ agentId: helene.id, position: 0 }, { agentId: bruno.id, position: 1 }, { agentId: denis.id, position: 2 }] } },
  });
  await prisma.queueGroup.create({ data: { organizationId: b.organization.id, name: 'Equipe Ventes B' } });
  const flow = await prisma.flow.create({ data: { organizationId: org, name: 'Accueil général' } });
  await prisma.flow.create({ data: { organizationId: b.organization.id, name: 'Accueil B' } });
  await prisma.contact.create({ data: { organizationId: org, name: 'Élodie Martin', company: 'Mairie', numbers: { create: [{ organizationId: org, position: 0, number: '01 23 45 67 89', canonical: '+33123456789' }] } } });
  await prisma.contact.create({ data: { organizationId: b.organization.id, name: 'Elodie Ailleurs', numbers: { create: [{ organizationId: b.organization.id, position: 0, number: '0600000000', canonical: '+33600000000' }] } } });
  const version = await prisma.flowVersion.create({
    data: { organizationId: org, flowId: flow.id, status: 'published', number: 1, publishedAt: new Date(), document: { nodes: [{ id: 'sales', type: 'queue-group', config: { groupId: group.id } }] } },
  });
  // Denis is on a call (busy); Hélène's calls: one inbound through the group, one outgoing to Élodie, one yesterday
  const now = Date.now();
  const open = await prisma.call.create({ data: { organizationId: org, sipCallId: 'c0', entryNumber: '+33199000001', caller: '+33611111111', callee: '+33199000001', flowVersionId: version.id } });
  await prisma.callLeg.create({ data: { callId: open.id, agentId: denis.id, destination: `agent:${denis.id}`, answeredAt: new Date() } });
  const inbound = await prisma.call.create({
    data: {
      organizationId: org, sipCallId: 'c1', entryNumber: '+33199000001', caller: '+33622222222', callee: '+33199000001', flowVersionId: version.id, outcome: 'answered',
      startedAt: new Date(now - 20 * 60_000), answeredAt: new Date(now - 19 * 60_000), endedAt: new Date(now - 17 * 60_000),
      legs: { create: [{ agentId: helene.id, destination: `agent:${helene.id}`, answeredAt: new Date(now - 19 * 60_000), endedAt: new Date(now - 17 * 60_000), outcome: 'answered' }] },
      events: { create: [{ seq: 0, kind: 'node', nodeId: 'sales', nodeType: 'queue-group' }] },
    },
  });
  const outbound = await prisma.call.create({
    data: {
      organizationId: org, sipCallId: 'c2', entryNumber: '+33199000001', caller: '401', callee: '+33123456789', outcome: 'busy',
      startedAt: new Date(now - 5 * 60_000), endedAt: new Date(now - 4 * 60_000),
      legs: { create: [{ agentId: helene.id, destination: `agent:${helene.id}`, kind: 'agent', outcome: 'answered' }, { destination: '+33123456789', kind: 'outbound', outcome: 'busy' }] },
      events: { create: [{ seq: 0, kind: 'originate', data: { result: 'started', groupId: group.id } }] },
    },
  });
  const yesterday = await prisma.call.create({
    data: {
      organizationId: org, sipCallId: 'c3', entryNumber: '+33199000001', caller: '+33633333333', callee: '+33199000001', outcome: 'no_answer', startedAt: new Date(now - 26 * 3600_000), endedAt: new Date(now - 26 * 3600_000 + 30_000),
      legs: { create: [{ agentId: helene.id, destination: `agent:${helene.id}`, outcome: 'no_answer' }] },
    },
  });
  Object.assign(ids, { helene: helene.id, bruno: bruno.id, chloe: chloe.id, denis: denis.id, group: group.id, flow: flow.id, inbound: inbound.id, outbound: outbound.id, yesterday: yesterday.id });
  [agent, supervisor, outsider] = (await Promise.all([a.agent, a.supervisor, b.admin].map(signIn))).map(api);
});

describe('GET /api/directory', () => {
  it('finds agents, groups, flows and contacts whatever the accents and case, with availability', async () => {
    const res = await agent.get('/api/directory?q=HELENE');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([{ kind: 'agent', id: ids.helene, name: 'Hélène Durand', detail: '401', availability: 'available' }]);
    const group = await agent.get('/api/directory?q=equipe%20ventes');
    expect(group.body).toEqual([{ kind: 'group', id: ids.group, name: 'Équipe Ventes', detail: null, availability: null, availableCount: 1 }]);
    const flow = await agent.get('/api/directory?q=accueil%20GENERAL');
    expect(flow.body).toEqual([expect.objectContaining({ kind: 'flow', id: ids.flow, name: 'Accueil général', availability: null })]);
    const contact = await agent.get('/api/directory?q=elodie');
    expect(contact.body).toEqual([expect.objectContaining({ kind: 'contact', name: 'Élodie Martin', detail: 'Mairie · 01 23 45 67 89', availability: null })]);
    const byNumber = await agent.get('/api/directory?q=0123456789&kinds=contact');
    expect(byNumber.body.map((e: { name: string }) => e.name)).toEqual(['Élodie Martin']);
  });

  it("shows each agent's availability (paused, offline without a registered phone, busy on a call), only the kinds asked", async () => {
    const res = await supervisor.get('/api/directory?kinds=agent');
    expect(res.status).toBe(200);
    expect(Object.fromEntries(res.body.map((e: { id: string; kind: string; availability: string }) => [e.id, [e.kind, e.availability]]))).toEqual({
      [ids.helene]: ['agent', 'available'], [ids.bruno]: ['agent', 'paused'], [ids.chloe]: ['agent', 'offline'], [ids.denis]: ['agent', 'busy'],
    });
  });

  it("shows nothing of another organisation; refuses unknown kinds and anonymous callers", async () => {
    const mine = await agent.get('/api/directory');
    expect(mine.body.some((e: { name: string }) => /Autre|Ailleurs| B$/.test(e.name))).toBe(false);
    const theirs = await outsider.get('/api/directory?q=helene');
    expect(theirs.body.map((e: { name: string }) => e.name)).toEqual(['Helene Autre']);
    const bad = await agent.get('/api/directory?kinds=agent,robot');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/kinds' });
    expect((await api(null).get('/api/directory')).status).toBe(401);
  });
});

describe('GET /api/agent/me/calls', () => {
  it("lists the agent's calls of today with direction, contact, group and outcome; another day on request", async () => {
    const res = await agent.get('/api/agent/me/calls');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      expect.objectContaining({ callId: ids.outbound, direction: 'outbound', caller: '+33123456789', contactName: 'Élodie Martin', group: { id: ids.group, name: 'Équipe Ventes', color: expect.stringMatching(/^#[0-9a-f]{6}$/i) }, durationMs: 0, outcome: 'busy' }),
      expect.objectContaining({ callId: ids.inbound, direction: 'inbound', caller: '+33622222222', entryNumber: '+33199000001', contactName: null, group: { id: ids.group, name: 'Équipe Ventes', color: expect.stringMatching(/^#[0-9a-f]{6}$/i) }, durationMs: 120_000, outcome: 'answered' }),
    ]);
    const day = new Date(Date.now() - 26 * 3600_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
    const before = await agent.get(`/api/agent/me/calls?day=${day}`);
    expect(before.body.map((c: { callId: string }) => c.callId)).toEqual([ids.yesterday]);
  });

  it('answers 404 NOT_AN_AGENT to a user who is no agent, 400 to a malformed day', async () => {
    const res = await supervisor.get('/api/agent/me/calls');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'NOT_AN_AGENT', messageKey: 'calls.originateErrors.notAnAgent' });
    const bad = await agent.get('/api/agent/me/calls?day=07/12/2026');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/day' });
  });
});

describe('POST /api/agent/me/calls', () => {
  it('refuses a body without a destination, a group of another organisation, and a user who is no agent', async () => {
    const missing = await agent.post('/api/agent/me/calls', { to: {}, groupId: ids.group });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('VALIDATION_FAILED');
    const foreign = await agent.post('/api/agent/me/calls', { to: { number: '0123456789' }, groupId: 'not-a-group-of-ours' });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error).toMatchObject({ path: '/groupId' });
    const noAgent = await supervisor.post('/api/agent/me/calls', { to: { number: '0123456789' }, groupId: ids.group });
    expect(noAgent.status).toBe(404);
    expect(noAgent.body.error.code).toBe('NOT_AN_AGENT');
  });
});
