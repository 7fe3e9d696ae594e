// Signing in, signing out of the API's reach, and personal API tokens.
import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, testPrisma } from '../support/context';
import { createOrganizationWithUsers, type TestUser } from '../support/factories';
import { api, createToken, signIn, signInRaw } from '../support/http';

let admin: TestUser;
let agent: TestUser;

beforeAll(async () => {
  ({ admin, agent } = await createOrganizationWithUsers(testPrisma(), 'Auth'));
});

describe('sign-in', () => {
  it('signs a user in with the right password and sets a session cookie', async () => {
    const result = await signInRaw(admin.email, admin.password);
    expect(result.status).toBe(200);
    expect(result.cookie).toMatch(/session_token=/);
    expect(result.body.user).toMatchObject({ email: admin.email, role: 'admin', organizationId: admin.organizationId });
  });

  it('refuses a wrong password with 401 and no cookie', async () => {
    const result = await signInRaw(admin.email, 'not-the-password');
    expect(result.status).toBe(401);
    expect(result.cookie).toBeNull();
  });

  it('refuses an unknown email with 401', async () => {
    expect((await signInRaw('nobody@test.relais.local', 'whatever-123')).status).toBe(401);
  });

  it('has no public sign-up', async () => {
    const res = await api(null).post('/api/auth/sign-up/email', { email: 'new@test.relais.local', password: 'long-enough-1', name: 'New' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await testPrisma().user.findUnique({ where: { email: 'new@test.relais.local' } })).toBeNull();
  });

  it('answers 401 UNAUTHENTICATED to an API call without a session', async () => {
    const res = await api(null).get('/api/flows');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('lets the session cookie call the API as the signed-in user', async () => {
    const res = await api(await signIn(agent)).get('/api/flows');
    expect(res.status).toBe(200);
    expect(res.body.flows).toEqual([]);
  });
});

describe('API tokens', () => {
  it('works like a session, is stored hashed, and stops working once revoked', async () => {
    const session = await signIn(admin);
    const created = await api(session).post('/api/tokens', { name: 'CI' });
    expect(created.status).toBe(201);
    const { token, id } = created.body;
    expect(token).toMatch(/^rls_/);

    const stored = await testPrisma().apiToken.findUniqueOrThrow({ where: { id } });
    expect(stored.tokenHash).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(token);

    const viaToken = api({ token });
    const flow = await viaToken.post('/api/flows', { name: 'Made with a token' });
    expect(flow.status).toBe(201);
    expect((await api(session).get(`/api/flows/${flow.body.id}`)).body.name).toBe('Made with a token');

    const list = await api(session).get('/api/tokens');
    expect(list.body.tokens.map((t: { id: string }) => t.id)).toContain(id);
    expect(JSON.stringify(list.body)).not.toContain(token);

    expect((await api(session).delete(`/api/tokens/${id}`)).status).toBe(204);
    const after = await viaToken.get('/api/flows');
    expect(after.status).toBe(401);
  });

  it('rejects an unknown token with 401', async () => {
    expect((await api({ token: 'rls_not-a-real-token' }).get('/api/flows')).status).toBe(401);
  });

  it("carries the token owner's role: an agent's token cannot create flows", async () => {
    const { token } = await createToken(await signIn(agent));
    const res = await api({ token }).post('/api/flows', { name: 'Nope' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });
});

describe('cross-site protection', () => {
  it('refuses a cookie-authenticated write coming from another site', async () => {
    const { cookie } = await signIn(admin);
    const res = await fetch(`${baseUrl()}/api/flows`, {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'CSRF' }),
    });
    expect(res.status).toBe(403);
    expect((await testPrisma().flow.findMany({ where: { name: 'CSRF' } })).length).toBe(0);
  });
});
