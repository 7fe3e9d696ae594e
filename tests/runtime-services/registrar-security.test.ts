// Issue 11, findings 2 and 3, as a phone and an attacker see them: raw UDP REGISTERs from
// 127.0.0.x through the embedded edge to a drachtio-srf app running the registrar, against a
// fresh PostgreSQL database.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistrar, type Registrar, type SipRequestLike } from '@/flow-runtime/registrar/registrar';
import { createNonceSigner } from '@/flow-runtime/registrar/digest';
import { connectApp, disconnectApp, startEdge, type SrfApp } from '../sip-edge/helpers';
import type { RunningSipEdge } from '@/sip-edge/index';
import { createAgent, createOrgWithAgent, createTestDatabase, type TestDatabase } from './support';
import { RegisterClient, digestAuthorization, header, readChallenge } from './sip-register-client';

const REALM = 'relais.test';
const SECRET = 'security-secret';
let db: TestDatabase;
let edge: RunningSipEdge;
let srf: SrfApp;
let registrar: Registrar;
let aliceId: string;
let orgId: string;
const logLines: Record<string, unknown>[] = [];
const clients: RegisterClient[] = [];

async function client(address = '127.0.0.1') {
  const c = await RegisterClient.open(edge.sipPort, address);
  clients.push(c);
  return c;
}

/** 401 → REGISTER with the right answer: the authorised response and what was sent. */
async function registerWith(c: RegisterClient, user: string, password: string, contact?: string) {
  const ch = await c.challenge(user);
  const authorization = digestAuthorization({ user, password, realm: ch.realm, nonce: ch.nonce, uri: c.requestUri });
  const res = await c.register({ user, authorization, contact, cseq: 2 });
  return { res, authorization, challenge: ch };
}

const contacts = async (agentId: string) =>
  (await db.prisma.sipRegistration.findMany({ where: { agentId } })).map((r) => r.contact).sort();

beforeAll(async () => {
  db = await createTestDatabase();
  const { org, agent } = await createOrgWithAgent(db.prisma, { username: 'alice', password: 'wonderland', realm: REALM });
  aliceId = agent.id;
  orgId = org.id;
  await createAgent(db.prisma, org.id, { username: 'carol', password: 'right-one', realm: REALM });
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n')) if (line) logLines.push(JSON.parse(line));
      cb();
    },
  });
  registrar = createRegistrar({ prisma: db.prisma, realm: REALM, nonceSecret: SECRET, logger: pino({ level: 'info' }, sink) });
  edge = await startEdge();
  srf = await connectApp(edge, (app) => app.register((req: SipRequestLike, res: never) => void registrar.handle(req, res)));
});

afterAll(async () => {
  for (const c of clients) c.close();
  disconnectApp(srf);
  await edge?.stop();
  await db?.drop();
});

describe('digest replay and protocol checks over SIP', () => {
  it('refuses a replayed REGISTER (same Authorization, same nc) and does not add its Contact', async () => {
    const phone = await client('127.0.0.1');
    const first = await registerWith(phone, 'alice', 'wonderland');
    expect(first.res.status).toBe(200);
    expect(await contacts(aliceId)).toEqual([`sip:alice@127.0.0.1:${phone.port}`]);

    // an attacker who captured the header sends it again with its own Contact
    const attacker = await client('127.0.0.4');
    const replay = await attacker.register({ user: 'alice', authorization: first.authorization, contact: '<sip:mallory@127.0.0.4:5099>', cseq: 7 });
    expect(replay.status).toBe(401);
    expect(readChallenge(replay).stale).toBe(true);
    expect(await contacts(aliceId)).toEqual([`sip:alice@127.0.0.1:${phone.port}`]);

    // the phone itself goes on with the next nc on the same nonce
    const next = digestAuthorization({ user: 'alice', password: 'wonderland', realm: REALM, nonce: first.challenge.nonce, uri: phone.requestUri, nc: 2 });
    expect((await phone.register({ user: 'alice', authorization: next, cseq: 3 })).status).toBe(200);
    expect(logLines.some((l) => l.level === 40 && /not increasing/.test(String(l.msg)) && l.address === '127.0.0.4')).toBe(true);
  });

  it('refuses credentials without qop, and credentials whose uri is not the Request-URI', async () => {
    const phone = await client('127.0.0.5');
    const ch = await phone.challenge('alice');
    const noQop = digestAuthorization({ user: 'alice', password: 'wonderland', realm: REALM, nonce: ch.nonce, uri: phone.requestUri, qop: null });
    const r1 = await phone.register({ user: 'alice', authorization: noQop, contact: '<sip:alice@127.0.0.5:6001>', cseq: 2 });
    expect(r1.status).toBe(400);

    const elsewhere = digestAuthorization({ user: 'alice', password: 'wonderland', realm: REALM, nonce: ch.nonce, uri: 'sip:127.0.0.1:5999', nc: 3 });
    const r2 = await phone.register({ user: 'alice', authorization: elsewhere, contact: '<sip:alice@127.0.0.5:6002>', cseq: 3 });
    expect(r2.status).toBe(400);
    expect(await contacts(aliceId)).not.toEqual(expect.arrayContaining(['sip:alice@127.0.0.5:6001']));
    expect(await contacts(aliceId)).not.toEqual(expect.arrayContaining(['sip:alice@127.0.0.5:6002']));

    // same target written differently (transport parameter, upper-case host) is the same uri
    const variant = digestAuthorization({ user: 'alice', password: 'wonderland', realm: REALM, nonce: ch.nonce, uri: `${phone.requestUri};transport=udp`, nc: 4 });
    expect((await phone.register({ user: 'alice', authorization: variant, contact: '<sip:alice@127.0.0.5:6003>', cseq: 4 })).status).toBe(200);
  });

  it('answers 401 stale=true on an expired nonce to the wrong AND the right password', async () => {
    const phone = await client('127.0.0.6');
    const old = createNonceSigner(SECRET, 300_000, () => Date.now() - 301_000).issue();
    for (const [password, contact] of [['nope', '<sip:alice@127.0.0.6:7001>'], ['wonderland', '<sip:alice@127.0.0.6:7002>']]) {
      const authorization = digestAuthorization({ user: 'alice', password, realm: REALM, nonce: old, uri: phone.requestUri });
      const r = await phone.register({ user: 'alice', authorization, contact });
      expect(r.status).toBe(401);
      expect(readChallenge(r).stale).toBe(true);
    }
    expect((await contacts(aliceId)).filter((c) => c.includes('127.0.0.6'))).toEqual([]);
  });
});

describe('oversized Authorization header', () => {
  // Two layers: the runtime's Digest parser refuses an Authorization over 4 KB (400) without
  // reading it, and the edge refuses any header line over 16 KB (513) before the runtime sees it.
  it('refuses a 10,000-character Authorization header (runtime cap) and answers the next REGISTER promptly', async () => {
    const attacker = await client('127.0.0.7');
    const other = await client('127.0.0.8');
    const hugeAnswer = attacker.register({ user: 'alice', authorization: `Digest ${'a'.repeat(10_000)}` });
    const sentAt = performance.now();
    const next = await other.register({ user: 'alice' });
    const ms = performance.now() - sentAt;
    expect(next.status).toBe(401);
    expect((await hugeAnswer).status).toBe(400);
    console.log(`registrar: REGISTER after a 10 KB Authorization answered in ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(500);
  });

  it('refuses a 60,000-character Authorization header (edge limit) and answers the next REGISTER promptly', async () => {
    const attacker = await client('127.0.0.7');
    const huge = `Digest ${'a'.repeat(60_000 - 7)}`;
    expect(huge.length).toBe(60_000);
    const other = await client('127.0.0.8');
    const hugeAnswer = attacker.register({ user: 'alice', authorization: huge });
    const sentAt = performance.now();
    const next = await other.register({ user: 'alice' });
    const ms = performance.now() - sentAt;
    expect(next.status).toBe(401);
    expect((await hugeAnswer).status).toBe(513);
    console.log(`registrar: REGISTER after a 60 KB Authorization answered in ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(500);
  });
});

describe('password guessing', () => {
  it('refuses the 201st wrong password from one address while the right one from another address registers', async () => {
    const attacker = await client('127.0.0.1');
    const ch = await attacker.challenge('carol');
    const wrong = (i: number) =>
      attacker.register({ user: 'carol', cseq: 2, authorization: digestAuthorization({ user: 'carol', password: `guess-${i}`, realm: REALM, nonce: ch.nonce, uri: attacker.requestUri }) });
    // 200 guesses sent without waiting for answers, as a guessing tool does
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => wrong(i)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 403).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 403).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThanOrEqual(190);

    const started = performance.now();
    const the201st = await wrong(201);
    expect(the201st.status).toBe(503);
    expect(Number(header(the201st, 'retry-after'))).toBeGreaterThan(60);
    console.log(`registrar: 201st wrong password answered ${the201st.status} in ${(performance.now() - started).toFixed(1)} ms`);
    // even the right password is refused from the banned address
    const banned = await attacker.register({ user: 'carol', cseq: 3, authorization: digestAuthorization({ user: 'carol', password: 'right-one', realm: REALM, nonce: ch.nonce, uri: attacker.requestUri, nc: 9 }) });
    expect(banned.status).toBe(503);

    // carol's real phone at a clean address registers
    const phone = await client('127.0.0.2');
    const ok = await registerWith(phone, 'carol', 'right-one');
    expect(ok.res.status).toBe(200);
    const carol = await db.prisma.agent.findFirstOrThrow({ where: { sipUsername: 'carol' } });
    expect(await contacts(carol.id)).toEqual([`sip:carol@127.0.0.2:${phone.port}`]);

    // logged at warn with address, user and count
    expect(logLines.some((l) => l.level === 40 && l.address === '127.0.0.1' && l.username === 'carol' && l.failures === 10)).toBe(true);
    expect(logLines.some((l) => l.level === 40 && /address banned/.test(String(l.msg)))).toBe(true);

    // and visible to admins
    await registrar.flushThrottles();
    const rows = await db.prisma.sipAuthThrottle.findMany({ where: { organizationId: orgId } });
    const byAddress = rows.find((r) => r.kind === 'address' && r.key === '127.0.0.1');
    expect(byAddress).toMatchObject({ failures: 10, lastUsername: 'carol' });
    expect(byAddress!.refused).toBeGreaterThanOrEqual(191);
    expect(byAddress!.bannedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(rows.find((r) => r.kind === 'user' && r.key === 'carol')).toMatchObject({ failures: 10 });
  });

  it('locks a user guessed at from many addresses only against addresses with failures', async () => {
    // 30 failures for alice spread over 127.0.1.1–30 (in parallel, as a botnet would): the user
    // is now locked …
    const guesses = await Promise.all(Array.from({ length: 30 }, async (_, k) => {
      const c = await client(`127.0.1.${k + 1}`);
      const ch = await c.challenge('alice');
      return c.register({ user: 'alice', cseq: 2, authorization: digestAuthorization({ user: 'alice', password: `x${k}`, realm: REALM, nonce: ch.nonce, uri: c.requestUri }) });
    }));
    expect(guesses.map((g) => g.status)).toEqual(Array(30).fill(403));
    // … against an address that failed: even the right password is refused there …
    const dirty = clients.find((c) => c.address === '127.0.1.30')!;
    const ch = await dirty.challenge('alice');
    const r = await dirty.register({ user: 'alice', cseq: 5, authorization: digestAuthorization({ user: 'alice', password: 'wonderland', realm: REALM, nonce: ch.nonce, uri: dirty.requestUri }) });
    expect(r.status).toBe(503);
    // … but alice's phone at a clean address still registers
    const phone = await client('127.0.2.1');
    expect((await registerWith(phone, 'alice', 'wonderland')).res.status).toBe(200);
  }, 120_000);
});
