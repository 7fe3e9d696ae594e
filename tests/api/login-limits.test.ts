// Password guessing on sign-in: the limits follow the socket address (X-Forwarded-For only from
// a trusted proxy, here 127.0.0.2 via TRUSTED_PROXIES in scripts/test-app.ts), per account and
// address, so rotating the header gains nothing and one bad client does not lock others out.
// Each test connects from its own loopback address (127.0.0.x) to stay apart from the others.
import { request } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, testPrisma } from '../support/context';
import { createOrganization, createUser, type TestUser } from '../support/factories';

interface SignInResult {
  status: number;
  retryAfter: string | undefined;
  body: { code?: string; token?: string; user?: { id: string } } | null;
}

/** POST /api/auth/sign-in/email from a chosen local address, with optional extra headers. */
function signInFrom(localAddress: string, email: string, password: string, headers: Record<string, string> = {}): Promise<SignInResult> {
  const url = new URL('/api/auth/sign-in/email', baseUrl());
  const payload = JSON.stringify({ email, password });
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), origin: baseUrl(), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let body: SignInResult['body'] = null;
          try {
            body = JSON.parse(text) as SignInResult['body'];
          } catch {
            body = null;
          }
          resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined, body });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

let target: TestUser;
let second: TestUser;
let third: TestUser;

beforeAll(async () => {
  const prisma = testPrisma();
  const org = await createOrganization(prisma, 'Login limits');
  [target, second, third] = await Promise.all([createUser(prisma, org.id, 'agent'), createUser(prisma, org.id, 'agent'), createUser(prisma, org.id, 'admin')]);
});

/** The address better-auth recorded for the user's newest session. */
async function lastSessionAddress(userId: string): Promise<string | null | undefined> {
  const session = await testPrisma().session.findFirst({ where: { userId }, orderBy: { createdAt: 'desc' }, select: { ipAddress: true } });
  return session?.ipAddress;
}

describe('sign-in limits', () => {
  it('does not let a rotating X-Forwarded-For bypass the limit, and keeps a client elsewhere signing in', async () => {
    for (let i = 1; i <= 3; i++) {
      const res = await signInFrom('127.0.0.3', target.email, `wrong-${i}`, { 'x-forwarded-for': `203.0.113.${i}` });
      expect(res.status).toBe(401);
    }
    const fourth = await signInFrom('127.0.0.3', target.email, 'wrong-4', { 'x-forwarded-for': '203.0.113.4' });
    expect(fourth.status).toBe(429);
    expect(fourth.body?.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(fourth.retryAfter)).toBeGreaterThanOrEqual(1);
    // Even the right password waits from that address: the lock is checked before any password.
    expect((await signInFrom('127.0.0.3', target.email, target.password, { 'x-forwarded-for': '198.51.100.250' })).status).toBe(429);

    // The real user, from another address, signs in at once; a spoofed header is not recorded.
    const good = await signInFrom('127.0.0.4', target.email, target.password, { 'x-forwarded-for': '203.0.113.99' });
    expect(good.status).toBe(200);
    expect(await lastSessionAddress(target.id)).toBe('127.0.0.4');
  });

  it('does not put clients without the header in one shared bucket', async () => {
    for (let i = 1; i <= 3; i++) expect((await signInFrom('127.0.0.5', second.email, `wrong-${i}`)).status).toBe(401);
    expect((await signInFrom('127.0.0.5', second.email, 'wrong-4')).status).toBe(429);
    // Another client, also without X-Forwarded-For: its own typo is a plain 401, then it signs in.
    expect((await signInFrom('127.0.0.6', second.email, 'a-typo')).status).toBe(401);
    expect((await signInFrom('127.0.0.6', second.email, second.password)).status).toBe(200);
    // And a different account from the bad client's address is not locked either.
    expect((await signInFrom('127.0.0.5', third.email, third.password)).status).toBe(200);
  });

  it('honours X-Forwarded-For from a trusted proxy, reading it right to left', async () => {
    const proxy = '127.0.0.2';
    for (let i = 1; i <= 3; i++) {
      // The client prepended a value of its own; the proxy appended the real one.
      const res = await signInFrom(proxy, third.email, `wrong-${i}`, { 'x-forwarded-for': `10.9.9.${i}, 198.51.100.7` });
      expect(res.status).toBe(401);
    }
    expect((await signInFrom(proxy, third.email, 'wrong-4', { 'x-forwarded-for': '198.51.100.7' })).status).toBe(429);
    // Another client behind the same proxy is another address.
    const other = await signInFrom(proxy, third.email, third.password, { 'x-forwarded-for': '198.51.100.8' });
    expect(other.status).toBe(200);
    expect(await lastSessionAddress(third.id)).toBe('198.51.100.8');
  });

  it('ignores a client-sent copy of the internal client-address header', async () => {
    const res = await signInFrom('127.0.0.7', second.email, second.password, { 'x-relais-client-ip': '192.0.2.77' });
    expect(res.status).toBe(200);
    expect(await lastSessionAddress(second.id)).toBe('127.0.0.7');
  });

  it('refuses a sign-in it cannot count (form-encoded) instead of checking the password', async () => {
    const res = await fetch(`${baseUrl()}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl() },
      body: new URLSearchParams({ email: second.email, password: second.password }).toString(),
    });
    expect(res.status).toBe(400);
    expect(res.headers.getSetCookie().some((c) => c.includes('session_token'))).toBe(false);
  });
});
