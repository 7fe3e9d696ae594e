// New passwords must be hard to guess (zxcvbn-ts with common/fr/en lists): user creation with a
// chosen password and better-auth's change-password answer 400 naming the field and the reason,
// and every reason has its sentence in French and English (shown at the field by the UI).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, testPrisma } from '../support/context';
import { createOrganizationWithUsers, type TestUser } from '../support/factories';
import { api, signIn, signInRaw } from '../support/http';

let admin: ReturnType<typeof api>;
let agentUser: TestUser;
let agentCookie: string;

const email = (label: string) => `${label}-${randomBytes(4).toString('hex')}@pw.test.relais.local`;
const messages = (locale: 'fr' | 'en') =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../../messages/${locale}.json`), 'utf8')) as { fieldErrors: Record<string, string> };

beforeAll(async () => {
  const org = await createOrganizationWithUsers(testPrisma(), 'Passwords');
  admin = api(await signIn(org.admin));
  agentUser = org.agent;
  agentCookie = (await signIn(org.agent)).cookie;
});

/** The field-error key the UI shows for an API problem code (app/components/use-field-errors.ts). */
const uiKey = (code: string) => `password${code.split('.')[1]!.charAt(0).toUpperCase()}${code.split('.')[1]!.slice(1)}`;

describe('password strength', () => {
  it.each([
    ['motdepasse123', 'common'],
    ['Password1234!', 'common'],
    ['azertyuiop', 'weak'],
  ])('refuses %s when creating a user, with the field and the reason (%s), translated in fr and en', async (password, reason) => {
    const res = await admin.post('/api/users', { email: email('weak'), name: 'Weak Password', role: 'agent', password });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', path: '/password', reason });
    const code = res.body.error.problems[0].code as string;
    expect(code).toBe(`password.${reason}`);
    for (const locale of ['fr', 'en'] as const) expect(messages(locale).fieldErrors[uiKey(code)]).toBeTruthy();
  });

  it("refuses a password made of the user's own name", async () => {
    const res = await admin.post('/api/users', { email: email('nina'), name: 'Ninon Rousseau', role: 'agent', password: 'Ninon Rousseau 1' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ path: '/password', reason: 'personal' });
  });

  it('refuses a short password at the field (schema: at least 10 characters)', async () => {
    const res = await admin.post('/api/users', { email: email('short'), name: 'Short', role: 'agent', password: 'abc123xyz' });
    expect(res.status).toBe(400);
    expect(res.body.error.path).toBe('/password');
  });

  it('accepts a strong chosen password, which then signs in', async () => {
    const address = email('strong');
    const password = 'gorille-tabouret-piano-42';
    expect((await admin.post('/api/users', { email: address, name: 'Strong', role: 'agent', password })).status).toBe(201);
    expect((await signInRaw(address, password)).status).toBe(200);
  });

  it('refuses a weak new password on change-password, and the old one keeps working', async () => {
    const change = (newPassword: string) =>
      fetch(`${baseUrl()}/api/auth/change-password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: agentCookie, origin: baseUrl() },
        body: JSON.stringify({ currentPassword: agentUser.password, newPassword }),
      });
    const weak = await change('motdepasse123');
    expect(weak.status).toBe(400);
    expect(await weak.json()).toMatchObject({ code: 'PASSWORD_TOO_WEAK', path: '/newPassword', reason: 'common' });
    expect((await signInRaw(agentUser.email, agentUser.password)).status).toBe(200);
    expect((await change('gorille-tabouret-piano-43')).status).toBe(200);
    expect((await signInRaw(agentUser.email, 'gorille-tabouret-piano-43')).status).toBe(200);
  });
});
