// registrar.authenticateRequest: the digest check of INVITEs from agents' phones (calls/internal-call)
// shares REGISTER's nonces, replay counts and failure limiter, with 407 / Proxy-Authorization and
// the From user as the claimed identity. The database is a stub answering the agent lookup.
import { describe, expect, it } from 'vitest';
import { computeHa1 } from '@/app/lib/agents/sip-digest';
import { createRegistrar, type SipRequestLike } from '@/flow-runtime/registrar/registrar';
import { expectedDigestResponse, parseDigestAuthorization } from '@/flow-runtime/registrar/digest';
import type { PrismaClient } from '@/prisma/client';

const REALM = 'relais.test';
const agent = { id: 'a1', organizationId: 'o1', extension: '201', name: 'Hugo', sipHa1: computeHa1('hugo', REALM, 'secret') };
const prisma = { agent: { findUnique: async ({ where }: { where: { sipRealm_sipUsername: { sipUsername: string } } }) => (where.sipRealm_sipUsername.sipUsername === 'hugo' ? agent : null) } } as unknown as PrismaClient;

function registrar() {
  return createRegistrar({ prisma, realm: REALM, nonceSecret: 's', limiter: { baseDelayMs: 1, maxDelayMs: 1 } });
}

function invite(headers: Record<string, string>, address = '10.0.0.1'): SipRequestLike {
  const h = new Map(Object.entries({ From: `<sip:hugo@${REALM}>;tag=1`, To: `<sip:202@${REALM}>`, ...headers }).map(([k, v]) => [k.toLowerCase(), v]));
  return { method: 'INVITE', uri: 'sip:202@127.0.0.1:5060', get: (n) => h.get(n.toLowerCase()), has: (n) => h.has(n.toLowerCase()), source_address: address };
}

function response() {
  const sent: Array<{ status: number; headers: Record<string, string> }> = [];
  return {
    sent,
    send(status: number, reason?: unknown, opts?: unknown) {
      const headers = ((typeof reason === 'object' ? reason : opts) as { headers?: Record<string, string> } | undefined)?.headers ?? {};
      sent.push({ status, headers });
    },
  };
}

/** The Proxy-Authorization a phone holding `password` sends for a challenge's nonce. */
function answer(challenge: string, password: string, nc = '00000001', user = 'hugo'): string {
  const nonce = /nonce="([^"]+)"/.exec(challenge)![1];
  const base = `Digest username="${user}", realm="${REALM}", nonce="${nonce}", uri="sip:202@127.0.0.1:5060", qop=auth, nc=${nc}, cnonce="c0ffee", algorithm=MD5, response="x"`;
  const creds = parseDigestAuthorization(base)!;
  return base.replace('response="x"', `response="${expectedDigestResponse(computeHa1(user, REALM, password), 'INVITE', creds)}"`);
}

/** A fresh nonce (asked from a clean address: nonces are signed, not tied to an address). */
async function challenge(r: ReturnType<typeof registrar>): Promise<string> {
  const res = response();
  expect(await r.authenticateRequest(invite({}, '10.9.9.9'), res)).toBeNull();
  expect(res.sent[0].status).toBe(407);
  return res.sent[0].headers['Proxy-Authenticate'];
}

describe('authenticateRequest (INVITE from a phone)', () => {
  it('407 without credentials; the agent with the right ones; a replay of the same header is challenged again (stale)', async () => {
    const r = registrar();
    const c = await challenge(r);
    expect(c).toMatch(/^Digest realm="relais.test", nonce="[^"]+", algorithm=MD5, qop="auth"$/);
    const header = answer(c, 'secret');
    expect(await r.authenticateRequest(invite({ 'Proxy-Authorization': header }), response())).toMatchObject({ id: 'a1', organizationId: 'o1', extension: '201' });
    const replay = response();
    expect(await r.authenticateRequest(invite({ 'Proxy-Authorization': header }), replay)).toBeNull();
    expect(replay.sent[0].status).toBe(407);
    expect(replay.sent[0].headers['Proxy-Authenticate']).toMatch(/stale=true/);
  });

  it('403 for a wrong password or a From that is not the user; the address is banned (503) after repeated failures', async () => {
    const r = registrar();
    const wrong = response();
    expect(await r.authenticateRequest(invite({ 'Proxy-Authorization': answer(await challenge(r), 'guess') }), wrong)).toBeNull();
    expect(wrong.sent[0].status).toBe(403);
    const spoofed = response();
    expect(await r.authenticateRequest(invite({ 'Proxy-Authorization': answer(await challenge(r), 'secret'), From: `<sip:ines@${REALM}>;tag=1` }), spoofed)).toBeNull();
    expect(spoofed.sent[0].status).toBe(403);
    for (let i = 0; i < 10; i++) await r.authenticateRequest(invite({ 'Proxy-Authorization': answer(await challenge(r), `guess${i}`) }), response());
    const banned = response();
    expect(await r.authenticateRequest(invite({ 'Proxy-Authorization': answer(await challenge(r), 'secret') }), banned)).toBeNull();
    expect(banned.sent[0].status).toBe(503);
    expect(banned.sent[0].headers['Retry-After']).toMatch(/^\d+$/);
    // another address with the right password is not affected
    const elsewhere = response();
    const c = await challenge(r);
    expect(await r.authenticateRequest(invite({ 'Proxy-Authorization': answer(c, 'secret') }, '10.0.0.2'), elsewhere)).toMatchObject({ id: 'a1' });
  });
});
