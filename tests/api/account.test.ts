// A user's own account over HTTP (issue 16 item 3): change the password (the current one
// required, the field named when wrong; the strength rules of the new-user form; other sessions
// signed out; guessing the current password limited), change the language (saved on the user,
// the cookie follows), and the first admin's "must change password" flag (pages redirect until
// it is done; the API keeps answering).
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, testPrisma } from '../support/context';
import { createOrganization, createUser, type TestUser } from '../support/factories';
import { api, createToken, signIn, signInRaw } from '../support/http';
import { createUserWithPassword } from '@/app/lib/users/create-user';

const STRONG = () => `grenouille-parapluie-${randomBytes(3).toString('hex')}-orbite`;
let organizationId: string;

beforeAll(async () => {
  organizationId = (await createOrganization(testPrisma(), 'Accounts')).id;
});

async function newUser(role: 'admin' | 'supervisor' | 'agent' = 'supervisor'): Promise<TestUser> {
  return createUser(testPrisma(), organizationId, role);
}

/** GET a page without following redirects: its status and where it sends the browser. */
async function page(cookie: string, path: string): Promise<{ status: number; location: string | null }> {
  const res = await fetch(`${baseUrl()}${path}`, { headers: { cookie }, redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location') };
}

describe('POST /api/me/password', () => {
  it('changes the password with the current one, signs out the other sessions and keeps this one', async () => {
    const user = await newUser();
    const here = await signIn(user);
    const elsewhere = await signIn(user);
    const next = STRONG();
    const res = await fetch(`${baseUrl()}/api/me/password`, {
      method: 'POST',
      headers: { cookie: here.cookie, origin: baseUrl(), 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: user.password, newPassword: next }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ changed: true });
    // This browser gets a new session cookie; the other session is gone.
    const renewed = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => /session_token=/.test(c));
    expect(renewed).toBeTruthy();
    expect((await api({ cookie: renewed! }).get('/api/me')).status).toBe(200);
    expect((await api(elsewhere).get('/api/me')).status).toBe(401);
    // The old password no longer signs in; the new one does.
    expect((await signInRaw(user.email, user.password)).status).toBe(401);
    expect((await signInRaw(user.email, next)).status).toBe(200);
    // Audited, without the password.
    const audit = await testPrisma().auditLog.findFirst({ where: { entityId: user.id, action: 'user.update' } });
    expect(audit?.details).toMatchObject({ fields: ['password'] });
    expect(JSON.stringify(audit?.details)).not.toContain(next);
  });

  it('refuses a wrong current password at /currentPassword and changes nothing', async () => {
    const user = await newUser();
    const me = api(await signIn(user));
    const res = await me.post('/api/me/password', { currentPassword: 'not-my-password', newPassword: STRONG() });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/currentPassword' });
    expect(res.body.error.problems[0]).toMatchObject({ code: 'password.wrongCurrent', path: '/currentPassword' });
    expect((await signInRaw(user.email, user.password)).status).toBe(200);
  });

  it('refuses a weak new password at /newPassword with the reason of the new-user form', async () => {
    const user = await newUser();
    const me = api(await signIn(user));
    for (const [password, reason] of [
      ['court', 'tooShort'],
      ['motdepasse123', 'common'],
      [`${user.email}`, 'personal'],
    ] as const) {
      const res = await me.post('/api/me/password', { currentPassword: user.password, newPassword: password });
      expect(res.status, password).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/newPassword', reason });
      expect(res.body.error.problems[0].code).toBe(`password.${reason}`);
    }
    const same = await me.post('/api/me/password', { currentPassword: user.password, newPassword: user.password });
    expect(same.status).toBe(400);
    expect(same.body.error.problems[0]).toMatchObject({ code: 'password.unchanged', path: '/newPassword' });
    const missing = await me.post('/api/me/password', { newPassword: STRONG() });
    expect(missing.status).toBe(400);
    expect(missing.body.error.path).toBe('/currentPassword');
    expect((await signInRaw(user.email, user.password)).status).toBe(200);
  });

  it('locks after repeated wrong current passwords (429 with Retry-After), even for the right one', async () => {
    const user = await newUser();
    const me = api(await signIn(user));
    for (let i = 0; i < 5; i++) expect((await me.post('/api/me/password', { currentPassword: `wrong-${i}`, newPassword: STRONG() })).status).toBe(400);
    const locked = await me.post('/api/me/password', { currentPassword: user.password, newPassword: STRONG() });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await signInRaw(user.email, user.password)).status).toBe(200);
  });

  it("counts better-auth's own /api/auth/change-password in the same limit, and clears the flag there too", async () => {
    const user = await newUser();
    const session = await signIn(user);
    const viaBetterAuth = (currentPassword: string, newPassword: string) =>
      fetch(`${baseUrl()}/api/auth/change-password`, {
        method: 'POST',
        headers: { cookie: session.cookie, origin: baseUrl(), 'content-type': 'application/json' },
        body: JSON.stringify({ currentPassword, newPassword }),
      });
    for (let i = 0; i < 5; i++) expect((await viaBetterAuth(`wrong-${i}`, STRONG())).status).toBe(400);
    const locked = await viaBetterAuth(user.password, STRONG());
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await api(session).post('/api/me/password', { currentPassword: user.password, newPassword: STRONG() })).status).toBe(429);

    const flagged = await newUser();
    await testPrisma().user.update({ where: { id: flagged.id }, data: { mustChangePassword: true } });
    const flaggedSession = await signIn(flagged);
    const changed = await fetch(`${baseUrl()}/api/auth/change-password`, {
      method: 'POST',
      headers: { cookie: flaggedSession.cookie, origin: baseUrl(), 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: flagged.password, newPassword: STRONG() }),
    });
    expect(changed.status).toBe(200);
    expect((await testPrisma().user.findUniqueOrThrow({ where: { id: flagged.id } })).mustChangePassword).toBe(false);
  });

  it('needs a signed-in session: 401 without one, 403 with an API token', async () => {
    const user = await newUser();
    const token = await createToken(await signIn(user));
    expect((await api(null).post('/api/me/password', { currentPassword: user.password, newPassword: STRONG() })).status).toBe(401);
    const viaToken = await api(token).post('/api/me/password', { currentPassword: user.password, newPassword: STRONG() });
    expect(viaToken.status).toBe(403);
    expect((await signInRaw(user.email, user.password)).status).toBe(200);
  });
});

describe('PATCH /api/me (language)', () => {
  it('saves the language on the user, sets the language cookie, and the pages follow it', async () => {
    const user = await newUser('agent');
    const session = await signIn(user);
    const res = await fetch(`${baseUrl()}/api/me`, {
      method: 'PATCH',
      headers: { cookie: session.cookie, origin: baseUrl(), 'content-type': 'application/json' },
      body: JSON.stringify({ locale: 'fr' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: user.id, locale: 'fr' });
    expect(res.headers.getSetCookie().some((c) => c.startsWith('NEXT_LOCALE=fr;'))).toBe(true);
    expect((await api(session).get('/api/me')).body.locale).toBe('fr');
    // A new sign-in from a browser saying it prefers English still gets French pages.
    const again = await signIn(user);
    const html = await (await fetch(`${baseUrl()}/account`, { headers: { cookie: again.cookie, 'accept-language': 'en-GB,en' } })).text();
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain('Mon compte');

    const bad = await api(session).patch('/api/me', { locale: 'de' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.path).toBe('/locale');
    expect((await api(session).patch('/api/me', {})).status).toBe(400);
    // With an API token too (no cookie to set).
    const token = await createToken(session);
    const viaToken = await api(token).patch('/api/me', { locale: 'en' });
    expect(viaToken.status).toBe(200);
    expect(viaToken.headers.getSetCookie()).toEqual([]);
    expect((await testPrisma().user.findUnique({ where: { id: user.id } }))?.locale).toBe('en');
  });
});

describe('a user whose password was generated (the first admin)', () => {
  it('is sent to /change-password from every page until they choose a password; the API keeps answering', async () => {
    const password = `generated-${randomBytes(9).toString('base64url')}`;
    const created = await createUserWithPassword(testPrisma(), {
      organizationId, email: `first-admin-${randomBytes(4).toString('hex')}@test.relais.local`, name: 'First Admin', role: 'admin', password, locale: 'en', mustChangePassword: true,
    });
    const session = await signIn({ email: created.email, password });
    for (const path of ['/', '/flows', '/agents', '/account', '/sign-in']) {
      const res = await page(session.cookie, path);
      expect(res.status, path).toBe(307);
      expect(new URL(res.location!, baseUrl()).pathname, path).toBe('/change-password');
    }
    expect((await page(session.cookie, '/change-password')).status).toBe(200);
    const me = api(session);
    expect((await me.get('/api/me')).body).toMatchObject({ mustChangePassword: true });
    const token = await createToken(session);
    expect((await api(token).get('/api/flows')).status).toBe(200);

    const res = await fetch(`${baseUrl()}/api/me/password`, {
      method: 'POST',
      headers: { cookie: session.cookie, origin: baseUrl(), 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: password, newPassword: STRONG() }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    expect((await api({ cookie }).get('/api/me')).body).toMatchObject({ mustChangePassword: false });
    expect((await page(cookie, '/flows')).status).toBe(200);
    const forced = await page(cookie, '/change-password');
    expect(new URL(forced.location!, baseUrl()).pathname).toBe('/flows');
  });
});
