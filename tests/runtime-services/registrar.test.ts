// The registrar over real SIP: SIPp registers through the embedded edge to a drachtio-srf app
// running the registrar, against a fresh PostgreSQL database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistrar, type Registrar, type SipRequestLike } from '@/flow-runtime/registrar/registrar';
import { createNonceSigner, expectedDigestResponse, parseDigestAuthorization } from '@/flow-runtime/registrar/digest';
import { AgentDirectory } from '@/flow-runtime/agents/agent-directory';
import { computeHa1 } from '@/app/lib/agents/sip-digest';
import { connectApp, disconnectApp, runSipp, sippOk, startEdge, type SrfApp } from '../sip-edge/helpers';
import { scenario } from '../sip-edge/scenarios';
import type { RunningSipEdge } from '@/sip-edge/index';
import { createAgent, createOrgWithAgent, createTestDatabase, type TestDatabase } from './support';

const REALM = 'relais.test';
let db: TestDatabase;
let edge: RunningSipEdge;
let srf: SrfApp;
let registrar: Registrar;
let clock = Date.now();
let aliceId: string;
let bobId: string;
let directory: AgentDirectory;

function register(user: string, password: string, cseq: number, opts: { expires?: number; contact?: string; auth?: boolean } = {}): string {
  return `<send retrans="500"><![CDATA[
REGISTER sip:[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:${user}@[remote_ip]>;tag=[pid]SIPpTag00[call_number]
To: <sip:${user}@[remote_ip]>
Call-ID: [call_id]
CSeq: ${cseq} REGISTER
Contact: ${opts.contact ?? `<sip:${user}@[local_ip]:[local_port]>`}
Expires: ${opts.expires ?? 300}
Max-Forwards: 70
User-Agent: sipp-test
${opts.auth ? `[authentication username=${user} password=${password}]\n` : ''}Content-Length: 0

]]></send>`;
}

/** REGISTER → 401 → REGISTER with credentials → `final` (a recv element). */
function registerFlow(user: string, password: string, final: string, opts: { expires?: number; contact?: string } = {}) {
  return scenario(
    register(user, password, 1, opts),
    '<recv response="401" auth="true"><action><ereg regexp="qop=\\"auth\\"" search_in="hdr" header="WWW-Authenticate:" check_it="true" assign_to="q"/></action></recv>',
    register(user, password, 2, { ...opts, auth: true }),
    final,
    // SIPp refuses variables that are assigned but never read
    `<Reference variables="${['q', ...[...final.matchAll(/assign_to="(\w+)"/g)].map((m) => m[1])].join(',')}"/>`,
  );
}

async function sipp(xml: string) {
  return runSipp(xml, `127.0.0.1:${edge.sipPort}`, ['-m', '1'], { timeoutS: 15 }).done;
}

beforeAll(async () => {
  db = await createTestDatabase();
  const { org, agent } = await createOrgWithAgent(db.prisma, { username: 'alice', password: 'wonderland', realm: REALM });
  aliceId = agent.id;
  bobId = (await createAgent(db.prisma, org.id, { username: 'bob', password: 'builder', realm: REALM })).id;
  registrar = createRegistrar({ prisma: db.prisma, realm: REALM, nonceSecret: 'test-secret', minExpires: 60, maxExpires: 600, now: () => clock });
  directory = new AgentDirectory(db.prisma, () => clock);
  edge = await startEdge();
  srf = await connectApp(edge, (app) => app.register((req: SipRequestLike, res: never) => void registrar.handle(req, res)));
});

afterAll(async () => {
  disconnectApp(srf);
  await edge?.stop();
  await db?.drop();
});

describe('registrar over SIP', () => {
  it('challenges with 401, accepts the right credentials with 200 listing the binding, and stores it', async () => {
    clock = Date.now();
    const r = await sipp(registerFlow('alice', 'wonderland',
      '<recv response="200"><action><ereg regexp="&lt;sip:alice@127\\.0\\.0\\.1:[0-9]+&gt;;expires=300" search_in="hdr" header="Contact:" check_it="true" assign_to="c"/></action></recv>'));
    expect(sippOk(r)).toBe('ok');
    const rows = await db.prisma.sipRegistration.findMany({ where: { agentId: aliceId } });
    expect(rows).toHaveLength(1);
    expect(rows[0].contact).toMatch(/^sip:alice@127\.0\.0\.1:\d+$/);
    expect(rows[0].userAgent).toBe('sipp-test');
    expect(Math.round((rows[0].expiresAt.getTime() - clock) / 1000)).toBe(300);
    expect(await directory.isReachable(aliceId)).toBe(true);
    expect(await directory.contacts(aliceId)).toEqual([rows[0].contact]);
  });

  it('refuses a wrong password with 403 and stores nothing', async () => {
    const r = await sipp(registerFlow('bob', 'not-the-password', '<recv response="403"/>'));
    expect(sippOk(r)).toBe('ok');
    expect(await db.prisma.sipRegistration.count({ where: { agentId: bobId } })).toBe(0);
  });

  it('refuses an unknown user with 403', async () => {
    const r = await sipp(registerFlow('mallory', 'x', '<recv response="403"/>'));
    expect(sippOk(r)).toBe('ok');
  });

  it('answers 423 with Min-Expires when the interval is too brief, and clamps to the maximum', async () => {
    const brief = await sipp(registerFlow('bob', 'builder',
      '<recv response="423"><action><ereg regexp="60" search_in="hdr" header="Min-Expires:" check_it="true" assign_to="m"/></action></recv>', { expires: 10 }));
    expect(sippOk(brief)).toBe('ok');
    expect(await db.prisma.sipRegistration.count({ where: { agentId: bobId } })).toBe(0);

    clock = Date.now();
    const long = await sipp(registerFlow('bob', 'builder', '<recv response="200"/>', { expires: 86_400 }));
    expect(sippOk(long)).toBe('ok');
    const row = await db.prisma.sipRegistration.findFirstOrThrow({ where: { agentId: bobId } });
    expect(Math.round((row.expiresAt.getTime() - clock) / 1000)).toBe(600);
  });

  it('expires bindings: past their expiry the agent is unreachable and the purge deletes them', async () => {
    clock = Date.now();
    const r = await sipp(registerFlow('bob', 'builder', '<recv response="200"/>', { contact: '<sip:bob@127.0.0.1:5999>;expires=120' }));
    expect(sippOk(r)).toBe('ok');
    expect((await directory.contacts(bobId)).sort()).toContain('sip:bob@127.0.0.1:5999');
    clock += 121_000; // the 120 s binding is over; the 600 s one from the previous test is not
    expect(await directory.contacts(bobId)).not.toContain('sip:bob@127.0.0.1:5999');
    expect(await registrar.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(await db.prisma.sipRegistration.count({ where: { contact: 'sip:bob@127.0.0.1:5999' } })).toBe(0);
    expect(await directory.isReachable(bobId)).toBe(true); // the 600 s binding
    clock += 600_000;
    expect(await directory.isReachable(bobId)).toBe(false);
    await registrar.purgeExpired();
    expect(await db.prisma.sipRegistration.count({ where: { agentId: bobId } })).toBe(0);
  });

  it('unregisters one contact with Expires: 0, and every contact with "*"', async () => {
    clock = Date.now();
    expect(sippOk(await sipp(registerFlow('bob', 'builder', '<recv response="200"/>', { contact: '<sip:bob@127.0.0.1:6001>' })))).toBe('ok');
    expect(sippOk(await sipp(registerFlow('bob', 'builder', '<recv response="200"/>', { contact: '<sip:bob@127.0.0.1:6002>' })))).toBe('ok');
    expect(await db.prisma.sipRegistration.count({ where: { agentId: bobId } })).toBe(2);

    expect(sippOk(await sipp(registerFlow('bob', 'builder', '<recv response="200"/>', { contact: '<sip:bob@127.0.0.1:6001>', expires: 0 })))).toBe('ok');
    expect((await directory.contacts(bobId))).toEqual(['sip:bob@127.0.0.1:6002']);

    expect(sippOk(await sipp(registerFlow('bob', 'builder', '<recv response="200"/>', { contact: '*', expires: 0 })))).toBe('ok');
    expect(await db.prisma.sipRegistration.count({ where: { agentId: bobId } })).toBe(0);
  });
});

describe('registrar digest details', () => {
  function fakeRequest(headers: Record<string, string>): SipRequestLike {
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    return { method: 'REGISTER', uri: 'sip:relais.test', get: (n) => lower[n.toLowerCase()], has: (n) => n.toLowerCase() in lower };
  }
  function capture() {
    const sent: { status: number; headers: Record<string, string> }[] = [];
    return {
      sent,
      res: {
        send(status: number, reason?: unknown, opts?: { headers?: Record<string, string> }) {
          const o = typeof reason === 'object' ? (reason as { headers?: Record<string, string> }) : opts;
          sent.push({ status, headers: o?.headers ?? {} });
        },
      },
    };
  }
  function authorization(nonce: string, password: string) {
    const c = { username: 'alice', realm: REALM, nonce, uri: 'sip:relais.test', response: '', algorithm: 'MD5', qop: 'auth', nc: '00000001', cnonce: 'abc', opaque: null };
    c.response = expectedDigestResponse(computeHa1('alice', REALM, password), 'REGISTER', c);
    return `Digest username="alice", realm="${REALM}", nonce="${nonce}", uri="sip:relais.test", response="${c.response}", algorithm=MD5, qop=auth, nc=00000001, cnonce="abc"`;
  }

  it('answers stale=true on an expired nonce whatever the password (the response is not checked)', async () => {
    const oldNonce = createNonceSigner('test-secret', 300_000, () => clock - 301_000).issue();
    const base = { To: '<sip:alice@relais.test>', Contact: '<sip:alice@127.0.0.1:7000>', Expires: '120' };
    const right = capture();
    await registrar.handle(fakeRequest({ ...base, Authorization: authorization(oldNonce, 'wonderland') }), right.res);
    expect(right.sent[0].status).toBe(401);
    expect(right.sent[0].headers['WWW-Authenticate']).toMatch(/stale=true/);
    const wrong = capture();
    await registrar.handle(fakeRequest({ ...base, Authorization: authorization(oldNonce, 'nope') }), wrong.res);
    expect(wrong.sent[0].status).toBe(401);
    expect(wrong.sent[0].headers['WWW-Authenticate']).toMatch(/stale=true/);
  });

  it('re-challenges a nonce this registrar did not sign', async () => {
    const forged = createNonceSigner('another-secret', 300_000, () => clock).issue();
    const out = capture();
    await registrar.handle(fakeRequest({ To: '<sip:alice@relais.test>', Contact: '<sip:alice@127.0.0.1:7000>', Authorization: authorization(forged, 'wonderland') }), out.res);
    expect(out.sent[0].status).toBe(401);
    expect(out.sent[0].headers['WWW-Authenticate']).not.toMatch(/stale/);
  });

  it('refuses credentials of one agent registering another agent\'s address', async () => {
    const nonce = createNonceSigner('test-secret', 300_000, () => clock).issue();
    const out = capture();
    await registrar.handle(fakeRequest({ To: '<sip:bob@relais.test>', Contact: '<sip:bob@127.0.0.1:7000>', Authorization: authorization(nonce, 'wonderland') }), out.res);
    expect(out.sent[0].status).toBe(403);
  });

  it('parses quoted parameters with commas', () => {
    const c = parseDigestAuthorization('Digest username="a,b", realm="r", nonce="n", uri="sip:x", response="abc", qop=auth, nc=00000001, cnonce="c,d"');
    expect(c).toMatchObject({ username: 'a,b', cnonce: 'c,d', qop: 'auth', nc: '00000001' });
  });
});
