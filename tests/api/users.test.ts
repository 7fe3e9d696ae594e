// Users (team members) through the API: admins create, change the role of and remove the
// organisation's users; the organisation keeps at least one admin; other organisations' users
// answer 404; supervisors and agents get 403.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { testPrisma } from '../support/context';
import { createOrganization, createOrganizationWithUsers, createUser } from '../support/factories';
import { api, signIn, signInRaw } from '../support/http';

type Client = ReturnType<typeof api>;
let admin: Client;
let supervisor: Client;
let agent: Client;
let outsider: Client;
let orgId: string;
let otherOrgUserId: string;

const email = (label: string) => `${label}-${randomBytes(4).toString('hex')}@users.test.relais.local`;

beforeAll(async () => {
  const prisma = testPrisma();
  const a = await createOrganizationWithUsers(prisma, 'Users A');
  const b = await createOrganizationWithUsers(prisma, 'Users B');
  orgId = a.organization.id;
  otherOrgUserId = b.agent.id;
  [admin, supervisor, agent, outsider] = (await Promise.all([a.admin, a.supervisor, a.agent, b.admin].map(signIn))).map(api);
});

describe('users', () => {
  it('creates a user who can sign in at once, lists, changes the role and removes them, with audit entries', async () => {
    const address = email('Nina');
    const created = await admin.post('/api/users', { email: address, name: 'Nina Roux', role: 'agent', password: 'first-password-1' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: address.toLowerCase(), name: 'Nina Roux', role: 'agent' });
    expect(created.body).not.toHaveProperty('password');
    const id = created.body.id as string;

    const session = await signIn({ email: address, password: 'first-password-1' });
    expect((await api(session).get('/api/me')).body).toMatchObject({ id, role: 'agent', organizationId: orgId });

    expect((await admin.get('/api/users')).body.users.map((u: { email: string }) => u.email)).toContain(address.toLowerCase());

    const promoted = await admin.patch(`/api/users/${id}`, { role: 'supervisor' });
    expect(promoted.status).toBe(200);
    expect(promoted.body.role).toBe('supervisor');
    // The role applies to the user's very next request.
    expect((await api(session).get('/api/me')).body.role).toBe('supervisor');

    expect((await admin.delete(`/api/users/${id}`)).status).toBe(204);
    expect((await admin.get(`/api/users/${id}`)).status).toBe(404);
    // Their session ends with them.
    expect((await api(session).get('/api/me')).status).toBe(401);

    const audit = await testPrisma().auditLog.findMany({ where: { organizationId: orgId, entityType: 'user', entityId: id }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((e) => e.action)).toEqual(['user.create', 'user.update', 'user.delete']);
  });

  it('generates an initial password when none is sent and returns it once', async () => {
    const address = email('gen');
    const created = await admin.post('/api/users', { email: address, name: 'Generated', role: 'agent' });
    expect(created.status).toBe(201);
    expect(typeof created.body.password).toBe('string');
    expect(created.body.password.length).toBeGreaterThanOrEqual(12);
    expect((await signInRaw(address, created.body.password)).status).toBe(200);
    // Never again: reading the user does not reveal it.
    expect((await admin.get(`/api/users/${created.body.id}`)).body).not.toHaveProperty('password');
  });

  it('names the failing field of a bad body', async () => {
    const badEmail = await admin.post('/api/users', { email: 'not-an-email', name: 'X', role: 'agent' });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/email' });

    const badRole = await admin.post('/api/users', { email: email('role'), name: 'X', role: 'owner' });
    expect(badRole.status).toBe(400);
    expect(badRole.body.error.path).toBe('/role');

    const shortPassword = await admin.post('/api/users', { email: email('pw'), name: 'X', role: 'agent', password: 'short' });
    expect(shortPassword.status).toBe(400);
    expect(shortPassword.body.error.path).toBe('/password');

    const missingName = await admin.post('/api/users', { email: email('name'), role: 'agent' });
    expect(missingName.body.error.path).toBe('/name');

    const { body: someone } = await admin.post('/api/users', { email: email('patch'), name: 'Patch', role: 'agent' });
    const badPatch = await admin.patch(`/api/users/${someone.id}`, { role: 'root' });
    expect(badPatch.status).toBe(400);
    expect(badPatch.body.error.path).toBe('/role');
  });

  it('refuses an email already used (any letter case) with 409 on /email', async () => {
    const address = email('dup');
    expect((await admin.post('/api/users', { email: address, name: 'First', role: 'agent' })).status).toBe(201);
    const again = await admin.post('/api/users', { email: address.toUpperCase(), name: 'Second', role: 'agent' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'CONFLICT', path: '/email' });
  });

  it('keeps the last admin: no demotion, no removal (409), but allowed once there is another admin', async () => {
    const prisma = testPrisma();
    const organization = await createOrganization(prisma, 'Last admin');
    const soleAdmin = await createUser(prisma, organization.id, 'admin');
    const client = api(await signIn(soleAdmin));

    const demote = await client.patch(`/api/users/${soleAdmin.id}`, { role: 'supervisor' });
    expect(demote.status).toBe(409);
    expect(demote.body.error).toMatchObject({ code: 'CONFLICT', path: '/role' });
    expect(demote.body.error.message).toMatch(/last admin/);
    const remove = await client.delete(`/api/users/${soleAdmin.id}`);
    expect(remove.status).toBe(409);
    expect(remove.body.error.message).toMatch(/last admin/);
    expect((await prisma.user.findUnique({ where: { id: soleAdmin.id } }))?.role).toBe('admin');

    // With a second admin, the first may step down.
    const { body: second } = await client.post('/api/users', { email: email('second'), name: 'Second admin', role: 'admin' });
    const stepDown = await client.patch(`/api/users/${soleAdmin.id}`, { role: 'supervisor' });
    expect(stepDown.status).toBe(200);
    expect(stepDown.body.role).toBe('supervisor');
    // …and now the second admin is the last one.
    const secondClient = api(await signIn({ email: second.email, password: second.password }));
    expect((await secondClient.delete(`/api/users/${second.id}`)).status).toBe(409);
  });

  it("answers 404 for another organisation's user", async () => {
    expect((await admin.get(`/api/users/${otherOrgUserId}`)).status).toBe(404);
    expect((await admin.patch(`/api/users/${otherOrgUserId}`, { role: 'admin' })).status).toBe(404);
    expect((await admin.delete(`/api/users/${otherOrgUserId}`)).status).toBe(404);
    expect((await testPrisma().user.findUnique({ where: { id: otherOrgUserId } }))?.role).toBe('agent');
    expect((await outsider.get('/api/users')).body.users.map((u: { id: string }) => u.id)).toContain(otherOrgUserId);
    expect((await admin.get('/api/users')).body.users.map((u: { id: string }) => u.id)).not.toContain(otherOrgUserId);
  });

  it('lets only admins see and manage users', async () => {
    for (const client of [supervisor, agent]) {
      expect((await client.get('/api/users')).status).toBe(403);
      expect((await client.post('/api/users', { email: email('no'), name: 'No', role: 'admin' })).status).toBe(403);
      expect((await client.delete(`/api/users/${otherOrgUserId}`)).status).toBe(403);
    }
    const { body: target } = await admin.post('/api/users', { email: email('target'), name: 'Target', role: 'agent' });
    const escalate = await agent.patch(`/api/users/${target.id}`, { role: 'admin' });
    expect(escalate.status).toBe(403);
    expect(escalate.body.error.code).toBe('FORBIDDEN');
    expect((await admin.get(`/api/users/${target.id}`)).body.role).toBe('agent');
  });
});
