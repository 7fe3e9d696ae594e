// CRUD round-trips of what flows use: numbers, calendars, groups, agents, forbidden lists.
// Writes are admin-only; supervisors and agents read; other organisations see nothing.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { testPrisma } from '../support/context';
import { createOrganizationWithUsers } from '../support/factories';
import { api, signIn } from '../support/http';

type Client = ReturnType<typeof api>;
let admin: Client;
let supervisor: Client;
let agent: Client;
let outsider: Client;

beforeAll(async () => {
  const prisma = testPrisma();
  const a = await createOrganizationWithUsers(prisma, 'Resources A');
  const b = await createOrganizationWithUsers(prisma, 'Resources B');
  [admin, supervisor, agent, outsider] = (await Promise.all([a.admin, a.supervisor, a.agent, b.admin].map(signIn))).map(api);
});

const uniqueNumber = () => `+3319900${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`;

describe('numbers', () => {
  it('round-trips a number routed to a flow', async () => {
    const { body: flow } = await admin.post('/api/flows', { name: 'Routed' });
    const e164 = uniqueNumber();
    const created = await admin.post('/api/numbers', { e164, label: 'Accueil', flowId: flow.id });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ e164, label: 'Accueil', flowId: flow.id, flow: { name: 'Routed' } });

    expect((await agent.get('/api/numbers')).body.numbers.map((n: { e164: string }) => n.e164)).toContain(e164);
    expect((await admin.get(`/api/flows/${flow.id}`)).body.numbers).toEqual([{ id: created.body.id, e164 }]);

    const unrouted = await admin.patch(`/api/numbers/${created.body.id}`, { flowId: null });
    expect(unrouted.body).toMatchObject({ flowId: null, flow: null });

    expect((await admin.delete(`/api/numbers/${created.body.id}`)).status).toBe(204);
    expect((await admin.get(`/api/numbers/${created.body.id}`)).status).toBe(404);
  });

  it('rejects a number that is not E.164 with its path', async () => {
    const res = await admin.post('/api/numbers', { e164: '01 23 45 67 89' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/e164' });
  });

  it('refuses a number already registered with 409', async () => {
    const e164 = uniqueNumber();
    expect((await admin.post('/api/numbers', { e164 })).status).toBe(201);
    const again = await admin.post('/api/numbers', { e164 });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'CONFLICT', path: '/e164' });
  });

  it("refuses to route a number to another organisation's flow", async () => {
    const { body: theirs } = await outsider.post('/api/flows', { name: 'Theirs' });
    const res = await admin.post('/api/numbers', { e164: uniqueNumber(), flowId: theirs.id });
    expect(res.status).toBe(400);
    expect(res.body.error.path).toBe('/flowId');
  });

  it('keeps a routed flow from being deleted', async () => {
    const { body: flow } = await admin.post('/api/flows', { name: 'Live' });
    const e164 = uniqueNumber();
    await admin.post('/api/numbers', { e164, flowId: flow.id });
    const res = await admin.delete(`/api/flows/${flow.id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain(e164);
  });

  it('lets only admins write numbers', async () => {
    expect((await supervisor.post('/api/numbers', { e164: uniqueNumber() })).status).toBe(403);
    expect((await agent.post('/api/numbers', { e164: uniqueNumber() })).status).toBe(403);
  });
});

describe('calendars', () => {
  const hours = {
    name: 'Standard',
    timezone: 'Europe/Paris',
    holidayCountry: 'FR',
    ranges: [
      { weekday: 1, start: '09:00', end: '12:30' },
      { weekday: 1, start: '13:30', end: '18:00' },
      { weekday: 5, start: '09:00', end: '17:00' },
    ],
    exceptions: [
      { date: '2026-12-24', kind: 'open', ranges: [{ start: '09:00', end: '12:00' }, { start: '14:00', end: '16:00' }], label: 'Veille de Noël' },
      { date: '2026-08-14', kind: 'closed', label: 'Pont' },
    ],
  };

  it('round-trips weekly ranges and dated exceptions', async () => {
    const created = await admin.post('/api/calendars', hours);
    expect(created.status).toBe(201);
    const read = await supervisor.get(`/api/calendars/${created.body.id}`);
    expect(read.body).toMatchObject({ name: 'Standard', timezone: 'Europe/Paris', holidayCountry: 'FR', ranges: hours.ranges });
    expect(read.body.exceptions).toEqual([
      { date: '2026-08-14', kind: 'closed', ranges: [], label: 'Pont' },
      { date: '2026-12-24', kind: 'open', ranges: hours.exceptions[0].ranges, label: 'Veille de Noël' },
    ]);

    const changed = await admin.patch(`/api/calendars/${created.body.id}`, { timezone: 'America/Montreal', ranges: [{ weekday: 7, start: '10:00', end: '24:00' }] });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ timezone: 'America/Montreal', ranges: [{ weekday: 7, start: '10:00', end: '24:00' }] });
    expect(changed.body.exceptions).toHaveLength(2);

    expect((await admin.delete(`/api/calendars/${created.body.id}`)).status).toBe(204);
    expect((await admin.get(`/api/calendars/${created.body.id}`)).status).toBe(404);
  });

  it('rejects an unknown time zone, a bad time and a range ending before it starts, each with its path', async () => {
    const zone = await admin.post('/api/calendars', { ...hours, timezone: 'Europe/Atlantis' });
    expect(zone.status).toBe(400);
    expect(zone.body.error.path).toBe('/timezone');

    const badTime = await admin.post('/api/calendars', { ...hours, ranges: [{ weekday: 2, start: '9h', end: '12:00' }] });
    expect(badTime.body.error.path).toBe('/ranges/0/start');

    const badDay = await admin.post('/api/calendars', { ...hours, ranges: [{ weekday: 8, start: '09:00', end: '12:00' }] });
    expect(badDay.body.error.path).toBe('/ranges/0/weekday');

    const backwards = await admin.post('/api/calendars', { ...hours, ranges: [hours.ranges[0], { weekday: 3, start: '18:00', end: '08:00' }] });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.path).toBe('/ranges/1/end');

    const badDate = await admin.post('/api/calendars', { ...hours, exceptions: [{ date: '2026-02-30', kind: 'closed' }] });
    expect(badDate.body.error.path).toBe('/exceptions/0/date');

    const openWithoutHours = await admin.post('/api/calendars', { ...hours, exceptions: [{ date: '2026-05-02', kind: 'open' }] });
    expect(openWithoutHours.body.error.path).toBe('/exceptions/0/ranges');
  });

  it('hides calendars from other organisations', async () => {
    const { body } = await admin.post('/api/calendars', hours);
    expect((await outsider.get(`/api/calendars/${body.id}`)).status).toBe(404);
    expect((await outsider.patch(`/api/calendars/${body.id}`, { name: 'x' })).status).toBe(404);
  });
});

describe('agents', () => {
  it('stores the SIP password as HA1 only and never returns it', async () => {
    const sipUsername = `alice${Date.now()}`;
    const created = await admin.post('/api/agents', { name: 'Alice', extension: '201', sipUsername, sipPassword: 'correct horse battery' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Alice', extension: '201', sipUsername, sipRealm: 'relais.local', status: 'available' });
    expect(JSON.stringify(created.body)).not.toMatch(/correct horse|sipHa1|ha1/i);

    const row = await testPrisma().agent.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row.sipHa1).toBe(createHash('md5').update(`${sipUsername}:relais.local:correct horse battery`).digest('hex'));

    const list = await agent.get('/api/agents');
    expect(JSON.stringify(list.body)).not.toMatch(/sipHa1|correct horse/);

    const repassed = await admin.patch(`/api/agents/${created.body.id}`, { sipPassword: 'another secret', status: 'paused' });
    expect(repassed.body.status).toBe('paused');
    const after = await testPrisma().agent.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(after.sipHa1).toBe(createHash('md5').update(`${sipUsername}:relais.local:another secret`).digest('hex'));

    expect((await admin.delete(`/api/agents/${created.body.id}`)).status).toBe(204);
    expect((await admin.get(`/api/agents/${created.body.id}`)).status).toBe(404);
  });

  it('asks for the password again when the SIP username changes', async () => {
    const { body } = await admin.post('/api/agents', { name: 'Bob', sipUsername: `bob${Date.now()}`, sipPassword: 'password-123' });
    const res = await admin.patch(`/api/agents/${body.id}`, { sipUsername: `robert${Date.now()}` });
    expect(res.status).toBe(400);
    expect(res.body.error.path).toBe('/sipPassword');
  });

  it('refuses a taken SIP username with 409, and a short password with its path', async () => {
    const sipUsername = `carol${Date.now()}`;
    await admin.post('/api/agents', { name: 'Carol', sipUsername, sipPassword: 'password-123' });
    const dup = await admin.post('/api/agents', { name: 'Carol 2', sipUsername, sipPassword: 'password-456' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.path).toBe('/sipUsername');
    const short = await admin.post('/api/agents', { name: 'Dan', sipUsername: `dan${Date.now()}`, sipPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.error.path).toBe('/sipPassword');
    const missing = await admin.post('/api/agents', { name: 'Eve', sipUsername: `eve${Date.now()}` });
    expect(missing.body.error.path).toBe('/sipPassword');
  });

  it('lets only admins write agents', async () => {
    expect((await supervisor.post('/api/agents', { name: 'X', sipUsername: 'x1', sipPassword: 'password-123' })).status).toBe(403);
  });
});

describe('groups', () => {
  it('round-trips ordered members with ring times', async () => {
    const [a1, a2, a3] = await Promise.all(
      ['Ana', 'Ben', 'Cy'].map((name) => admin.post('/api/agents', { name, sipUsername: `${name.toLowerCase()}${Date.now()}`, sipPassword: 'password-123' })),
    );
    const created = await admin.post('/api/groups', {
      name: 'Support',
      ringTimeSeconds: 15,
      members: [{ agentId: a2.body.id, ringTimeSeconds: 30 }, { agentId: a1.body.id }],
    });
    expect(created.status).toBe(201);
    expect(created.body.members.map((m: { name: string; position: number; ringTimeSeconds: number | null }) => [m.name, m.position, m.ringTimeSeconds])).toEqual([
      ['Ben', 0, 30],
      ['Ana', 1, null],
    ]);

    const reordered = await admin.patch(`/api/groups/${created.body.id}`, { members: [{ agentId: a3.body.id }, { agentId: a2.body.id }, { agentId: a1.body.id }] });
    expect(reordered.body.members.map((m: { name: string }) => m.name)).toEqual(['Cy', 'Ben', 'Ana']);
    expect((await agent.get(`/api/groups/${created.body.id}`)).body).toMatchObject({ name: 'Support', ringTimeSeconds: 15 });

    // Deleting an agent takes it out of the group.
    await admin.delete(`/api/agents/${a2.body.id}`);
    expect((await admin.get(`/api/groups/${created.body.id}`)).body.members.map((m: { name: string }) => m.name)).toEqual(['Cy', 'Ana']);

    expect((await admin.delete(`/api/groups/${created.body.id}`)).status).toBe(204);
    expect((await admin.get(`/api/groups/${created.body.id}`)).status).toBe(404);
  });

  it('rejects unknown, foreign and repeated members with the exact path, writing nothing', async () => {
    const { body: mine } = await admin.post('/api/agents', { name: 'Mine', sipUsername: `mine${Date.now()}`, sipPassword: 'password-123' });
    const { body: theirs } = await outsider.post('/api/agents', { name: 'Theirs', sipUsername: `theirs${Date.now()}`, sipPassword: 'password-123' });
    const before = await testPrisma().queueGroup.count();

    const foreign = await admin.post('/api/groups', { name: 'G', members: [{ agentId: mine.id }, { agentId: theirs.id }] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.path).toBe('/members/1/agentId');

    const twice = await admin.post('/api/groups', { name: 'G', members: [{ agentId: mine.id }, { agentId: mine.id }] });
    expect(twice.body.error.path).toBe('/members/1/agentId');

    const badRing = await admin.post('/api/groups', { name: 'G', members: [{ agentId: mine.id, ringTimeSeconds: 0 }] });
    expect(badRing.body.error.path).toBe('/members/0/ringTimeSeconds');

    expect(await testPrisma().queueGroup.count()).toBe(before);
  });
});

describe('forbidden-destination lists', () => {
  it('round-trips entries and replaces them on update', async () => {
    const created = await admin.post('/api/forbidden-lists', {
      name: 'Surtaxés',
      description: 'Premium-rate numbers',
      entries: [
        { kind: 'prefix', pattern: '+3389', label: 'Numéros surtaxés' },
        { kind: 'exact', pattern: '+33612345678' },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body.entries.map((e: { kind: string; pattern: string; label: string | null }) => [e.kind, e.pattern, e.label])).toEqual([
      ['prefix', '+3389', 'Numéros surtaxés'],
      ['exact', '+33612345678', null],
    ]);
    const updated = await admin.patch(`/api/forbidden-lists/${created.body.id}`, { entries: [{ kind: 'prefix', pattern: '00' }] });
    expect(updated.body.entries).toMatchObject([{ kind: 'prefix', pattern: '00' }]);
    expect((await supervisor.get('/api/forbidden-lists')).body.forbiddenLists.map((l: { id: string }) => l.id)).toContain(created.body.id);
    expect((await outsider.get(`/api/forbidden-lists/${created.body.id}`)).status).toBe(404);
    expect((await admin.delete(`/api/forbidden-lists/${created.body.id}`)).status).toBe(204);
  });

  it('shows each entry as calls are compared with it (canonical E.164, national trunk prefix handled)', async () => {
    const { body } = await admin.post('/api/forbidden-lists', {
      name: 'Canonical',
      entries: [{ kind: 'prefix', pattern: '0899' }, { kind: 'exact', pattern: '+330899123456' }, { kind: 'prefix', pattern: '00330' }, { kind: 'exact', pattern: '3949' }],
    });
    expect(body.entries.map((e: { pattern: string; matches: string }) => [e.pattern, e.matches])).toEqual([
      ['0899', '+33899*'],
      ['+330899123456', '+33899123456'],
      ['00330', '+33*'],
      ['3949', '3949'],
    ]);
  });

  it('rejects a bad entry with its path', async () => {
    const res = await admin.post('/api/forbidden-lists', { name: 'L', entries: [{ kind: 'prefix', pattern: '+33' }, { kind: 'glob', pattern: '+44' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.path).toBe('/entries/1/kind');
    const pattern = await admin.post('/api/forbidden-lists', { name: 'L', entries: [{ kind: 'exact', pattern: 'abc' }] });
    expect(pattern.body.error.path).toBe('/entries/0/pattern');
  });
});

describe('audit log', () => {
  it('records who created, changed and deleted resources', async () => {
    const { body } = await admin.post('/api/forbidden-lists', { name: 'Audited' });
    await admin.patch(`/api/forbidden-lists/${body.id}`, { name: 'Audited 2' });
    await admin.delete(`/api/forbidden-lists/${body.id}`);
    const rows = await testPrisma().auditLog.findMany({ where: { entityId: body.id }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((r) => r.action)).toEqual(['forbidden_list.create', 'forbidden_list.update', 'forbidden_list.delete']);
    expect(new Set(rows.map((r) => r.userId)).size).toBe(1);
  });
});
