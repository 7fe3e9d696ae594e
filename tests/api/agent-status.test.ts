// Agents' statuses through the API (issue 14, contract C1), without a call runtime
// (tests/calls/agent-wrap-up.test.ts runs one):
// - GET /api/agent/me: the signed-in user's agent (linked by Agent.userId), its groups with their
//   colour, and its status object; 404 NOT_AN_AGENT for a user with no agent;
// - PUT /api/agent/me/status: paused needs a reason of the organisation when it has any (400
//   naming /pauseReasonId), each change is an AgentStatusChange row and a pg_notify relais_live
//   `agent.status` event (plus relais_agent_changed for the runtime);
// - PUT/DELETE /api/agents/:id/lock: supervisors force a status (audited), the agent then gets
//   423 STATUS_LOCKED; agents may not lock (403);
// - pause reasons: admins only write them; groups carry a colour and a wrap-up.
import pg from 'pg';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { testPrisma } from '../support/context';
import { createOrganizationWithUsers, createUser } from '../support/factories';
import { api, signIn } from '../support/http';

type Client = ReturnType<typeof api>;
let admin: Client;
let supervisor: Client;
let agentUser: Client;
let noAgent: Client;
let outsiderAdmin: Client;
let orgId: string;
let agentId: string;
let groupId: string;
let lunchId: string;
let foreignReasonId: string;

beforeAll(async () => {
  const prisma = testPrisma();
  const a = await createOrganizationWithUsers(prisma, 'Statuses A');
  const b = await createOrganizationWithUsers(prisma, 'Statuses B');
  orgId = a.organization.id;
  const plain = await createUser(prisma, orgId, 'agent');
  const sessions = await Promise.all([a.admin, a.supervisor, a.agent, plain, b.admin].map(signIn));
  [admin, supervisor, agentUser, noAgent, outsiderAdmin] = sessions.map(api);
  const agent = await prisma.agent.create({
    data: { organizationId: orgId, userId: a.agent.id, name: 'Alice', extension: '201', sipUsername: `alice-${a.agent.id.slice(0, 8)}`, sipRealm: 'relais.test', sipHa1: '0'.repeat(32) },
  });
  agentId = agent.id;
  const outsider = await outsiderAdmin.post('/api/pause-reasons', { label: 'Foreign' });
  foreignReasonId = outsider.body.id;
  const group = await admin.post('/api/groups', { name: 'Support', color: '#AA3300', wrapUpSeconds: 30, members: [{ agentId }] });
  expect(group.status).toBe(201);
  groupId = group.body.id;
});

describe('GET /api/agent/me', () => {
  it('answers the linked agent, its groups with their colour, and its status', async () => {
    const res = await agentUser.get('/api/agent/me');
    expect(res.status).toBe(200);
    expect(res.body.agent).toEqual({ id: agentId, name: 'Alice', extension: '201', groups: [{ id: groupId, name: 'Support', color: '#aa3300' }] });
    expect(res.body.status).toMatchObject({ status: 'available', pauseReason: null, wrapUpEndsAt: null, lock: null });
    expect(Date.parse(res.body.status.since)).not.toBeNaN();
  });

  it('answers 404 NOT_AN_AGENT to a user linked to no agent', async () => {
    const res = await noAgent.get('/api/agent/me');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'NOT_AN_AGENT', messageKey: 'agentStatus.errors.notAnAgent' });
    expect((await noAgent.put('/api/agent/me/status', { status: 'paused' })).body.error.code).toBe('NOT_AN_AGENT');
  });
});

describe('pause reasons', () => {
  it('are written by admins only and listed in order', async () => {
    expect((await supervisor.post('/api/pause-reasons', { label: 'Nope' })).status).toBe(403);
    expect((await admin.post('/api/pause-reasons', { label: ' ' })).body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/label' });
    const lunch = await admin.post('/api/pause-reasons', { label: 'Lunch' });
    expect(lunch.status).toBe(201);
    lunchId = lunch.body.id;
    const training = await admin.post('/api/pause-reasons', { label: 'Training' });
    expect((await admin.patch(`/api/pause-reasons/${training.body.id}`, { label: 'Formation' })).body).toMatchObject({ label: 'Formation' });
    const list = await agentUser.get('/api/pause-reasons');
    expect(list.body.map((r: { label: string }) => r.label)).toEqual(['Lunch', 'Formation']);
    expect((await admin.delete(`/api/pause-reasons/${foreignReasonId}`)).status).toBe(404);
    const audit = await testPrisma().auditLog.findMany({ where: { organizationId: orgId, entityType: 'pause_reason' } });
    expect(audit.map((e) => e.action).sort()).toEqual(['pause_reason.create', 'pause_reason.create', 'pause_reason.update']);
  });
});

describe('PUT /api/agent/me/status', () => {
  it('needs a reason of the organisation to pause when it has reasons', async () => {
    const missing = await agentUser.put('/api/agent/me/status', { status: 'paused' });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/pauseReasonId', messageKey: 'agentStatus.errors.reasonRequired' });
    const foreign = await agentUser.put('/api/agent/me/status', { status: 'paused', pauseReasonId: foreignReasonId });
    expect(foreign.body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/pauseReasonId' });
    expect((await agentUser.put('/api/agent/me/status', { status: 'busy' })).body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/status' });
  });

  it('pauses with a reason: the change is logged and published (relais_live agent.status, relais_agent_changed)', async () => {
    const listener = new pg.Client({ connectionString: inject('databaseUrl') });
    await listener.connect();
    try {
      const live: string[] = [];
      const changed: string[] = [];
      listener.on('notification', (n) => (n.channel === 'relais_live' ? live : changed).push(n.payload ?? ''));
      await listener.query('LISTEN relais_live');
      await listener.query('LISTEN relais_agent_changed');
      const res = await agentUser.put('/api/agent/me/status', { status: 'paused', pauseReasonId: lunchId });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'paused', pauseReason: { id: lunchId, label: 'Lunch' }, lock: null, wrapUpEndsAt: null });
      await expect.poll(() => live.map((p) => JSON.parse(p))).toEqual([
        { o: orgId, a: [agentId], t: 'agent.status', d: { agentId, status: res.body }, at: expect.any(String) },
      ]);
      await expect.poll(() => changed).toContain(agentId);
    } finally {
      await listener.end();
    }
    const rows = await testPrisma().agentStatusChange.findMany({ where: { agentId }, orderBy: { at: 'asc' } });
    expect(rows.at(-1)).toMatchObject({ fromStatus: 'available', toStatus: 'paused', pauseReasonLabel: 'Lunch', source: 'agent' });
    expect((await agentUser.get('/api/agent/me')).body.status).toMatchObject({ status: 'paused', pauseReason: { label: 'Lunch' } });
  });
});

describe('locks', () => {
  it('lets a supervisor force a status; the agent then gets 423 until unlocked', async () => {
    expect((await agentUser.put(`/api/agents/${agentId}/lock`, { status: 'available' })).status).toBe(403);
    expect((await outsiderAdmin.put(`/api/agents/${agentId}/lock`, { status: 'available' })).status).toBe(404);
    const locked = await supervisor.put(`/api/agents/${agentId}/lock`, { status: 'offline' });
    expect(locked.status).toBe(200);
    expect(locked.body).toMatchObject({ status: 'offline', lock: { status: 'offline', pauseReason: null, byUserName: expect.any(String) } });

    const refused = await agentUser.put('/api/agent/me/status', { status: 'available' });
    expect(refused.status).toBe(423);
    expect(refused.body.error).toMatchObject({ code: 'STATUS_LOCKED', messageKey: 'agentStatus.errors.locked', lock: { status: 'offline' } });
    expect((await agentUser.get('/api/agent/me')).body.status.lock).toMatchObject({ status: 'offline' });

    const unlocked = await supervisor.delete(`/api/agents/${agentId}/lock`);
    expect(unlocked.status).toBe(200);
    // back to what the agent had chosen
    expect(unlocked.body).toMatchObject({ status: 'paused', pauseReason: { label: 'Lunch' }, lock: null });
    expect((await agentUser.put('/api/agent/me/status', { status: 'available' })).body).toMatchObject({ status: 'available', lock: null });

    const rows = await testPrisma().agentStatusChange.findMany({ where: { agentId }, orderBy: { at: 'asc' } });
    expect(rows.map((r) => `${r.fromStatus}>${r.toStatus}:${r.source}`)).toEqual([
      'available>paused:agent',
      'paused>offline:supervisor',
      'offline>paused:supervisor',
      'paused>available:agent',
    ]);
    const audit = await testPrisma().auditLog.findMany({ where: { organizationId: orgId, entityType: 'agent', entityId: agentId } });
    expect(audit.map((e) => (e.details as { lock?: string | null }).lock)).toEqual(expect.arrayContaining(['offline', null]));
  });

  it('locks in a pause with a reason', async () => {
    const res = await admin.put(`/api/agents/${agentId}/lock`, { status: 'paused', pauseReasonId: lunchId });
    expect(res.body).toMatchObject({ status: 'paused', pauseReason: { id: lunchId }, lock: { status: 'paused', pauseReason: { id: lunchId, label: 'Lunch' } } });
    expect((await admin.delete(`/api/agents/${agentId}/lock`)).body).toMatchObject({ status: 'available', lock: null });
  });
});

describe('PUT /api/agent/me/wrap-up', () => {
  it("stores the agent's choice for the current call (0..3600)", async () => {
    expect((await agentUser.put('/api/agent/me/wrap-up', { seconds: 4000 })).body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/seconds' });
    expect((await agentUser.put('/api/agent/me/wrap-up', { seconds: 45 })).status).toBe(200);
    expect((await testPrisma().agent.findUniqueOrThrow({ where: { id: agentId } })).wrapUpChoiceSeconds).toBe(45);
  });
});

describe('groups', () => {
  it('carry a colour (#rrggbb) and a wrap-up (0..3600 s)', async () => {
    expect((await admin.patch(`/api/groups/${groupId}`, { color: 'red' })).body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/color' });
    expect((await admin.patch(`/api/groups/${groupId}`, { wrapUpSeconds: -1 })).body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/wrapUpSeconds' });
    const res = await admin.patch(`/api/groups/${groupId}`, { color: '#00ff00', wrapUpSeconds: 5 });
    expect(res.body).toMatchObject({ color: '#00ff00', wrapUpSeconds: 5 });
  });
});

describe('users linked to agents', () => {
  it('one agent per user, a user of the organisation', async () => {
    const prisma = testPrisma();
    const other = await prisma.agent.create({ data: { organizationId: orgId, name: 'Bob', sipUsername: `bob-${orgId.slice(0, 8)}`, sipRealm: 'relais.test', sipHa1: '0'.repeat(32) } });
    const alicesUser = (await prisma.agent.findUniqueOrThrow({ where: { id: agentId } })).userId;
    expect((await admin.patch(`/api/agents/${other.id}`, { userId: alicesUser })).body.error).toMatchObject({ code: 'CONFLICT', path: '/userId' });
  });
});

describe('admin pages', () => {
  it('the agents page shows the linked user, the lock and the pause reasons; the group editor its colour and wrap-up', async () => {
    await supervisor.put(`/api/agents/${agentId}/lock`, { status: 'paused', pauseReasonId: lunchId });
    try {
      const agents = await admin.get('/agents');
      expect(agents.status).toBe(200);
      const html = String(agents.body);
      expect(html).toContain('Pause reasons');
      expect(html).toContain('Lunch');
      expect(html).toContain('User account');
      expect(html).toMatch(/locked by/);
      const group = await admin.get(`/groups/${groupId}`);
      expect(String(group.body)).toMatch(/name="wrapUpSeconds"/);
      expect(String(group.body)).toMatch(/type="color"/);
    } finally {
      await supervisor.delete(`/api/agents/${agentId}/lock`);
    }
  });
});
