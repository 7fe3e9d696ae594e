// Live events over socket.io (issue 14 C2, issue 15 item 4) against the real admin server:
// - a socket without a session or token is refused, so is a bad token and an agent-role user with
//   no Agent linked;
// - with two organisations and two agents, an agent's socket gets its own call's events and none
//   of another organisation or of the other agent's call; a supervisor gets all of its
//   organisation's, none of the other's (delivery checked by waiting for a later marker event:
//   NOTIFYs of one session arrive in order, and one socket keeps that order);
// - `sync` after a reconnection returns the status object and the LiveCall snapshot the socket
//   may see (not a row its runtime stopped touching);
// - a second admin process on the same database delivers the same event (each one LISTENs).
import { callUpdated, type LiveCallView } from '@/flow-runtime/live/live-call-view';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { baseUrl, testPrisma } from '../support/context';
import { createOrganizationWithUsers, createUser, type TestUser } from '../support/factories';
import { createToken, signIn } from '../support/http';
import { publishLive } from '@/app/lib/realtime/publish';

type Creds = { cookie: string } | { token: string };
interface LiveMessage {
  o: string;
  a: string[];
  t: string;
  d: { callId?: string; marker?: string } & Record<string, unknown>;
  at: string;
}

const sockets: Socket[] = [];
let second: ChildProcess | null = null;

function open(url: string, creds: Creds | null, opts: { reconnection?: boolean } = {}): Socket {
  const extraHeaders: Record<string, string> = {};
  if (creds && 'cookie' in creds) Object.assign(extraHeaders, { cookie: creds.cookie, origin: url });
  if (creds && 'token' in creds) extraHeaders.authorization = `Bearer ${creds.token}`;
  const socket = connectSocket(url, { path: '/socket.io', transports: ['websocket'], extraHeaders, reconnection: opts.reconnection ?? false, forceNew: true });
  sockets.push(socket);
  return socket;
}

function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

function refused(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected')));
    socket.once('connect_error', (err) => resolve(err.message));
  });
}

/** Records every live event a socket gets; `until(marker)` resolves with those before the marker. */
function recorder(socket: Socket) {
  const got: LiveMessage[] = [];
  const waiters: { marker: string; resolve: (m: LiveMessage[]) => void }[] = [];
  socket.onAny((name: string, message: LiveMessage) => {
    if (name === 'live.resync') return;
    got.push(message);
    for (const w of [...waiters]) {
      if (message.d?.marker === w.marker) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(got.slice());
      }
    }
  });
  return {
    got,
    until(marker: string): Promise<LiveMessage[]> {
      const seen = got.find((m) => m.d?.marker === marker);
      if (seen) return Promise.resolve(got.slice());
      return new Promise((resolve) => waiters.push({ marker, resolve }));
    },
  };
}

const callIds = (messages: LiveMessage[]) => messages.filter((m) => m.t === 'call.updated' || m.t === 'call.ended').map((m) => m.d.callId);

let orgA: string;
let orgB: string;
let alice: { id: string; creds: Creds };
let bob: { id: string; creds: Creds };
let carol: { id: string; creds: Creds };
let supervisorA: Creds;
let supervisorAToken: Creds;
let unlinkedAgent: Creds;

beforeAll(async () => {
  const prisma = testPrisma();
  const a = await createOrganizationWithUsers(prisma, 'Live A');
  const b = await createOrganizationWithUsers(prisma, 'Live B');
  orgA = a.organization.id;
  orgB = b.organization.id;
  const bobUser = await createUser(prisma, orgA, 'agent');
  const agent = (user: TestUser, name: string) =>
    prisma.agent.create({ data: { organizationId: user.organizationId, userId: user.id, name, sipUsername: `${name}-${user.id.slice(0, 8)}`, sipRealm: 'relais.test', sipHa1: '0'.repeat(32) } });
  const [aliceAgent, bobAgent, carolAgent] = await Promise.all([agent(a.agent, 'alice'), agent(bobUser, 'bob'), agent(b.agent, 'carol')]);
  const unlinked = await createUser(prisma, orgA, 'agent');
  const [aliceS, bobS, carolS, supS, unlinkedS] = await Promise.all([a.agent, bobUser, b.agent, a.supervisor, unlinked].map(signIn));
  alice = { id: aliceAgent.id, creds: aliceS };
  bob = { id: bobAgent.id, creds: await createToken(bobS) };
  carol = { id: carolAgent.id, creds: carolS };
  supervisorA = supS;
  supervisorAToken = await createToken(supS);
  unlinkedAgent = unlinkedS;
});

afterAll(async () => {
  for (const s of sockets) s.close();
  if (second && second.exitCode === null) {
    const exited = new Promise((r) => second!.once('exit', r));
    second.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 8000))]);
  }
});

const view = (callId: string, organizationId: string, agentIds: string[]) => ({
  callId, organizationId, direction: 'inbound', entryNumber: '+33199000001', caller: '+33611111111', contactName: null, group: null,
  startedAt: new Date().toISOString(), waitedMs: 0, answeredAt: null, path: [], state: 'ringing',
  agents: agentIds.map((agentId) => ({ agentId, role: 'ringing' })), canRetrieve: false, canComplete: false, canSwitch: false, canConference: false, recording: false,
});

describe('socket.io live events', () => {
  it('refuses a socket without a session or token, with a bad token, and an agent user with no agent', async () => {
    expect(await refused(open(baseUrl(), null))).toBe('unauthorized');
    expect(await refused(open(baseUrl(), { token: 'rls_not-a-token' }))).toBe('unauthorized');
    expect(await refused(open(baseUrl(), { cookie: 'better-auth.session_token=forged.value' }))).toBe('unauthorized');
    expect(await refused(open(baseUrl(), unlinkedAgent))).toBe('not an agent');
  });

  it("delivers an agent only its own calls' events, a supervisor all of its organisation's", async () => {
    const [sa, sb, sc, ss] = [open(baseUrl(), alice.creds), open(baseUrl(), bob.creds), open(baseUrl(), carol.creds), open(baseUrl(), supervisorA)];
    await Promise.all([sa, sb, sc, ss].map(connected));
    const [ra, rb, rc, rs] = [sa, sb, sc, ss].map(recorder);
    const prisma = testPrisma();
    const ids = { alice: randomUUID(), bob: randomUUID(), both: randomUUID(), supervisorsOnly: randomUUID(), orgB: randomUUID(), orgBwithAliceId: randomUUID() };
    await publishLive(prisma, { o: orgA, a: [alice.id], t: 'call.updated', d: view(ids.alice, orgA, [alice.id]) });
    await publishLive(prisma, { o: orgA, a: [bob.id], t: 'call.updated', d: view(ids.bob, orgA, [bob.id]) });
    await publishLive(prisma, { o: orgA, a: [alice.id, bob.id], t: 'call.updated', d: view(ids.both, orgA, [alice.id, bob.id]) });
    await publishLive(prisma, { o: orgA, a: [], t: 'call.updated', d: view(ids.supervisorsOnly, orgA, []) });
    await publishLive(prisma, { o: orgB, a: [carol.id], t: 'call.updated', d: view(ids.orgB, orgB, [carol.id]) });
    await publishLive(prisma, { o: orgB, a: [carol.id], t: 'call.ended', d: { callId: ids.orgB, outcome: 'answered' } });
    await publishLive(prisma, { o: orgA, a: [alice.id], t: 'call.ended', d: { callId: ids.alice, outcome: 'answered' } });
    // the marker, last: everyone who may see something gets it
    const marker = randomUUID();
    await publishLive(prisma, { o: orgA, a: [alice.id, bob.id], t: 'marker', d: { marker } });
    await publishLive(prisma, { o: orgB, a: [carol.id], t: 'marker', d: { marker } });

    const [ga, gb, gc, gs] = await Promise.all([ra, rb, rc, rs].map((r) => r.until(marker)));
    expect(callIds(ga)).toEqual([ids.alice, ids.both, ids.alice]);
    expect(ga.map((m) => m.t)).toEqual(['call.updated', 'call.updated', 'call.ended', 'marker']);
    expect(callIds(gb)).toEqual([ids.bob, ids.both]);
    expect(callIds(gc)).toEqual([ids.orgB, ids.orgB]);
    expect(callIds(gs)).toEqual([ids.alice, ids.bob, ids.both, ids.supervisorsOnly, ids.alice]);
    // the event as published: organisation, audience, type, LiveCallView, time
    expect(ga[0]).toMatchObject({ o: orgA, a: [alice.id], t: 'call.updated', d: { callId: ids.alice, state: 'ringing', agents: [{ agentId: alice.id, role: 'ringing' }] } });
    expect(Date.parse(ga[0].at)).toBeGreaterThan(0);
    for (const m of [...ga, ...gb, ...gs]) expect(m.o).toBe(orgA);
  });

  it('a view too large for NOTIFY (a call ringing dozens of agents after a long path) still reaches every console', async () => {
    const prisma = testPrisma();
    const [sa, sb, ss] = [open(baseUrl(), alice.creds), open(baseUrl(), bob.creds), open(baseUrl(), supervisorA)];
    await Promise.all([sa, sb, ss].map(connected));
    const [ra, rb, rs] = [sa, sb, ss].map(recorder);
    // 120 other agents ringing at once plus alice, and a 30-step path: the view is far over 7 KB
    const ringing = [alice.id, ...Array.from({ length: 120 }, () => randomUUID())];
    const path = Array.from({ length: 30 }, (_, i) => ({ nodeId: `n${i}`, label: `Étape ${i} ${'x'.repeat(70)}`, at: new Date().toISOString() }));
    const big = { ...view(randomUUID(), orgA, ringing), path } as unknown as LiveCallView;
    const huge = { ...view(randomUUID(), orgA, []), path } as unknown as LiveCallView;
    const many = [bob.id, ...Array.from({ length: 400 }, () => randomUUID())];
    huge.agents = many.map((agentId) => ({ agentId, role: 'ringing' as const }));
    for (const v of [big, huge]) {
      await prisma.liveCall.create({ data: { callId: v.callId, organizationId: orgA, agentIds: v.agents.map((x) => x.agentId), view: v as unknown as object } });
    }
    const first = callUpdated(big, ringing);
    const second = callUpdated(huge, many);
    expect(first.d).toEqual({ callId: big.callId, ref: true });
    expect(second).toMatchObject({ a: [], d: { callId: huge.callId, ref: true, audienceFromRow: true } });
    await publishLive(prisma, first);
    await publishLive(prisma, second);
    const marker = randomUUID();
    await publishLive(prisma, { o: orgA, a: [alice.id, bob.id], t: 'marker', d: { marker } });
    const [ga, gb, gs] = await Promise.all([ra, rb, rs].map((r) => r.until(marker)));
    // each console gets the whole view, read from the LiveCall row
    expect(callIds(ga)).toEqual([big.callId]);
    expect(ga[0].d).toMatchObject({ callId: big.callId, state: 'ringing' });
    expect(ga[0].d.path).toHaveLength(30);
    expect(callIds(gb)).toEqual([huge.callId]);
    expect(gb[0].d.agents).toHaveLength(401);
    expect(callIds(gs)).toEqual([big.callId, huge.callId]);
  });

  it('sync after a reconnection returns the status and the calls the socket may see', async () => {
    const prisma = testPrisma();
    const ids = { alice: randomUUID(), bob: randomUUID(), orgB: randomUUID(), stale: randomUUID() };
    await prisma.liveCall.createMany({
      data: [
        { callId: ids.stale, organizationId: orgA, agentIds: [alice.id], view: view(ids.stale, orgA, [alice.id]) },
        { callId: ids.alice, organizationId: orgA, agentIds: [alice.id], view: view(ids.alice, orgA, [alice.id]) },
        { callId: ids.bob, organizationId: orgA, agentIds: [bob.id], view: view(ids.bob, orgA, [bob.id]) },
        { callId: ids.orgB, organizationId: orgB, agentIds: [carol.id], view: view(ids.orgB, orgB, [carol.id]) },
      ],
    });
    // a row its runtime stopped touching (it died) is not shown
    await prisma.$executeRawUnsafe(`UPDATE "LiveCall" SET "updatedAt" = now() - interval '10 minutes' WHERE "callId" = $1`, ids.stale);
    await prisma.agent.update({ where: { id: alice.id }, data: { status: 'paused' } });
    const sa = open(baseUrl(), alice.creds, { reconnection: true });
    await connected(sa);
    // the connection drops (server side) and comes back by itself
    const back = new Promise<void>((resolve) => sa.io.once('reconnect', () => resolve()));
    sa.io.engine.close();
    await back;
    const mine = (await sa.timeout(10_000).emitWithAck('sync')) as { status: { status: string; since: string; lock: unknown; pauseReason: unknown }; calls: { callId: string }[] };
    expect(mine.status).toMatchObject({ status: 'paused', lock: null, pauseReason: null });
    expect(Date.parse(mine.status.since)).toBeGreaterThan(0);
    expect(mine.calls.map((c) => c.callId)).toContain(ids.alice);
    expect(mine.calls.map((c) => c.callId)).not.toContain(ids.bob);
    expect(mine.calls.map((c) => c.callId)).not.toContain(ids.orgB);
    expect(mine.calls.map((c) => c.callId)).not.toContain(ids.stale);

    const ss = open(baseUrl(), supervisorAToken);
    await connected(ss);
    const all = (await ss.timeout(10_000).emitWithAck('sync')) as { status: unknown; calls: { callId: string; organizationId: string }[] };
    expect(all.status).toBeNull();
    expect(all.calls.map((c) => c.callId)).toEqual(expect.arrayContaining([ids.alice, ids.bob]));
    expect(all.calls.every((c) => c.organizationId === orgA)).toBe(true);
    expect(all.calls.map((c) => c.callId)).not.toContain(ids.stale);
  });

  it('the LISTEN connection killed: sockets are told to resync, and events flow again once it is back', async () => {
    const ss = open(baseUrl(), supervisorAToken);
    await connected(ss);
    const resync = new Promise<void>((resolve) => ss.once('live.resync', () => resolve()));
    const prisma = testPrisma();
    const killed = await prisma.$queryRawUnsafe<{ pid: number }[]>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN relais_live' AND pid <> pg_backend_pid()`,
    );
    expect(killed.length).toBeGreaterThan(0);
    for (const { pid } of killed) await prisma.$queryRawUnsafe(`SELECT pg_terminate_backend($1)`, pid);
    await resync;
    const r = recorder(ss);
    const marker = randomUUID();
    await publishLive(prisma, { o: orgA, a: [], t: 'marker', d: { marker } });
    expect((await r.until(marker)).map((m) => m.t)).toEqual(['marker']);
  });

  it('a second admin process on the same database delivers the same events', async () => {
    const root = path.resolve(import.meta.dirname, '../..');
    second = spawn(path.join(root, 'node_modules/.bin/tsx'), ['app/server.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: inject('databaseUrl'), NODE_ENV: 'production', NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || '.next', BETTER_AUTH_SECRET: randomUUID() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`second admin did not start: ${out}`)), 90_000);
      second!.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /admin: listening on (\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      second!.stderr!.on('data', (c: Buffer) => (out += c.toString()));
      second!.once('exit', (code) => reject(new Error(`second admin exited ${code}: ${out}`)));
    });
    expect(url).not.toBe(baseUrl());
    const [one, two] = [open(baseUrl(), supervisorAToken), open(url, supervisorAToken)];
    const [agentOnTwo] = [open(url, bob.creds)];
    await Promise.all([one, two, agentOnTwo].map(connected));
    const [r1, r2, r3] = [one, two, agentOnTwo].map(recorder);
    const callId = randomUUID();
    const marker = randomUUID();
    await publishLive(testPrisma(), { o: orgA, a: [bob.id], t: 'call.updated', d: view(callId, orgA, [bob.id]) });
    await publishLive(testPrisma(), { o: orgA, a: [bob.id], t: 'marker', d: { marker } });
    for (const r of [r1, r2, r3]) expect(callIds(await r.until(marker))).toEqual([callId]);
  }, 120_000);
});
