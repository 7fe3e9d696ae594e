// Live events benchmark (issue 14: "the agent console shows an incoming call within one second"):
// the latency of a live event end to end, through the real admin server (Next.js production
// build + socket.io, app/server.ts) to socket.io clients, on loopback.
// Run: npm run bench -- live        (needs a `next build` in NEXT_DIST_DIR, default .next)
//      LIVE_BENCH_EVENTS=2000 LIVE_BENCH_RATE=100 LIVE_BENCH_AGENTS=1,50,200 npm run bench -- live
//
// Setup: scripts/test-app.ts in a child process (fresh database relais_test_<random>, migrations,
// production admin server; dropped at the end); one organisation with a supervisor signed in over
// HTTP (session cookie) and N agents (users + Agent rows + API tokens written directly: no
// password hashing for 200 users). Each agent opens one socket (token in the handshake); the
// supervisor opens two (cookie, as the console and the wallboard would).
//
// 1. publishLive → socket: this process calls flow-runtime/live/publish.ts publishLive (one
//    `SELECT pg_notify('relais_live', …)` on its own Prisma client) at LIVE_BENCH_RATE events/s
//    (open loop), each event for one agent in turn (a: [agentId]) and so for the organisation's
//    supervisors; the latency is from the call to publishLive until a socket's handler runs
//    (same process, same clock: performance.now()). With 1, 50 and 200 agent sockets connected.
// 2. LiveCallTracker → socket (the path a call's state change takes): per call a tracker
//    (flow-runtime/live/live-call-view.ts) on this process's Prisma client, its first write
//    (state ivr) settled, then the session snapshot that rings an agent (a `ringLegs` effect, as
//    run-call.ts feeds it); the latency is from `onSession` (setImmediate coalescing, LiveCall
//    upsert, NOTIFY) until the agent's socket, and the supervisors', get `call.updated` with
//    state ringing; then `end()` (row deleted, `call.ended`), timed the same way. Calls start at
//    LIVE_BENCH_RATE/2 calls/s with the largest number of agent sockets.
// Figures: p50/p95/p99/max in ms per receiver, and the events not received within 10 s ("lost").
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { createPrismaClient, type PrismaClient } from '../prisma/client';
import { LIVE_PAYLOAD_MAX, livePayload, publishLive } from '../flow-runtime/live/publish';
import { LiveCallTracker } from '../flow-runtime/live/live-call-view';
import type { CallEvent, CallState, Effect } from '../flow-runtime/interpreter';
import { generateTokenSecret, hashTokenSecret, displayPrefix } from '../app/lib/api-tokens/token-secret';
import { createOrganizationWithUsers } from '../tests/support/factories';

const EVENTS = Number(process.env.LIVE_BENCH_EVENTS ?? 2000);
const RATE = Number(process.env.LIVE_BENCH_RATE ?? 100);
const AGENT_COUNTS = (process.env.LIVE_BENCH_AGENTS ?? '1,50,200').split(',').map(Number);
const CALLS = Number(process.env.LIVE_BENCH_CALLS ?? 1000);
/**
 * A call ringing this many agents at once (a group's simultaneous ring), FANOUT_CALLS calls at 5/s;
 * by default 10, 50, and the largest number whose `call.updated` fits the NOTIFY payload limit and
 * one more.
 */
const FANOUT = process.env.LIVE_BENCH_FANOUT?.split(',').filter(Boolean).map(Number);
const FANOUT_CALLS = Number(process.env.LIVE_BENCH_FANOUT_CALLS ?? 50);
const SUPERVISOR_SOCKETS = 2;
const DRAIN_MS = 10_000;
const TARGET_MS = 1000;

const root = path.resolve(import.meta.dirname, '..');
/** The runtime's warnings (e.g. "live event too large: dropped"), counted and printed at the end. */
const warnings = new Map<string, number>();
const log = { info() {}, debug() {}, error() {}, warn: (_o: unknown, m?: string) => void warnings.set(m ?? '?', (warnings.get(m ?? '?') ?? 0) + 1) };

interface LiveMessage {
  o: string;
  a: string[];
  t: string;
  d: { seq?: number; run?: string; callId?: string; state?: string } & Record<string, unknown>;
}

export type Creds = { cookie: string; url: string } | { token: string };

// ---- the admin server under test ---------------------------------------------------------------

export async function startTestApp(): Promise<{ url: string; databaseUrl: string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(path.join(root, 'node_modules/.bin/tsx'), ['scripts/test-app.ts'], {
    cwd: root,
    env: { ...process.env, TEST_APP_WATCH_STDIN: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const ready = await new Promise<{ url: string; databaseUrl: string }>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`test-app not ready in 120 s:\n${err}`)), 120_000);
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /^READY (\S+) (\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], databaseUrl: m[2] });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`test-app exited with ${code}:\n${err}`));
    });
  });
  return {
    ...ready,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 8000))]);
      }
      child.stdin?.destroy();
      child.stdout?.destroy();
      child.stderr?.destroy();
    },
  };
}

export async function signIn(url: string, user: { email: string; password: string }): Promise<Creds> {
  const res = await fetch(`${url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  if (res.status !== 200 || !cookies.some((c) => /session_token=/.test(c))) throw new Error(`sign-in failed: ${res.status}`);
  return { cookie: cookies.join('; '), url };
}

/**
 * N agent users with an Agent row (ids from the schema's default, cuid, as in production: their
 * length counts in the NOTIFY payload) and an API token each, written directly (no password).
 */
export async function createAgents(prisma: PrismaClient, organizationId: string, count: number): Promise<{ id: string; token: string }[]> {
  const rows = Array.from({ length: count }, (_, i) => {
    const suffix = randomBytes(4).toString('hex');
    return { userId: randomUUID(), token: generateTokenSecret(), name: `agent${i}-${suffix}` };
  });
  await prisma.user.createMany({ data: rows.map((r) => ({ id: r.userId, name: r.name, email: `${r.name}@bench.relais.local`, emailVerified: true, organizationId, role: 'agent' as const, locale: 'en' })) });
  const created = await prisma.agent.createManyAndReturn({
    data: rows.map((r) => ({ organizationId, userId: r.userId, name: r.name, sipUsername: r.name, sipRealm: 'relais.test', sipHa1: '0'.repeat(32) })),
    select: { id: true, userId: true },
  });
  const agentOf = new Map(created.map((a) => [a.userId, a.id]));
  await prisma.apiToken.createMany({ data: rows.map((r) => ({ organizationId, userId: r.userId, name: 'bench', prefix: displayPrefix(r.token), tokenHash: hashTokenSecret(r.token) })) });
  return rows.map((r) => ({ id: agentOf.get(r.userId)!, token: r.token }));
}

function open(url: string, creds: Creds): Promise<Socket> {
  const extraHeaders: Record<string, string> = 'cookie' in creds ? { cookie: creds.cookie, origin: creds.url } : {};
  const auth = 'token' in creds ? { token: creds.token } : {};
  const socket = connectSocket(url, { path: '/socket.io', transports: ['websocket'], extraHeaders, auth, reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(err));
  });
}

async function openMany(url: string, creds: Creds[], batch = 25): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < creds.length; i += batch) sockets.push(...(await Promise.all(creds.slice(i, i + batch).map((c) => open(url, c)))));
  return sockets;
}

// ---- figures ------------------------------------------------------------------------------------

interface Row {
  path: string;
  sockets: string;
  receiver: string;
  samples: number[];
  expected: number;
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '-');

function printTable(rows: Row[]): void {
  const head = ['path', 'sockets', 'receiver', 'events', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'lost'];
  const lines = rows.map((r) => {
    const s = [...r.samples].sort((a, b) => a - b);
    return [r.path, r.sockets, r.receiver, String(r.samples.length), ms(quantile(s, 0.5)), ms(quantile(s, 0.95)), ms(quantile(s, 0.99)), ms(s.at(-1) ?? NaN), String(r.expected - r.samples.length)];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(fmt(head));
  for (const l of lines) console.log(fmt(l));
}

export const sleep = (msecs: number) => new Promise((r) => setTimeout(r, msecs));

/** Runs `fire(i)` for i < count at `rate` per second (open loop: never waits on the previous one). */
export async function paced(count: number, rate: number, fire: (i: number) => void): Promise<void> {
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    fire(i);
  }
}

export async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!done() && performance.now() < end) await sleep(20);
}

// ---- 1. publishLive → socket -----------------------------------------------------------------

async function publishToSockets(url: string, prisma: PrismaClient, orgId: string, agents: { id: string; token: string }[], supervisor: Creds): Promise<Row[]> {
  const agentSockets = await openMany(url, agents.map((a) => ({ token: a.token })));
  const supSockets = await openMany(url, Array.from({ length: SUPERVISOR_SOCKETS }, () => supervisor));
  const run = randomUUID();
  const sent = new Map<number, number>();
  const agentLat: number[] = [];
  const supLat: number[] = [];
  const on = (into: number[]) => (_name: string, m: LiveMessage) => {
    if (m?.d?.run !== run || typeof m.d.seq !== 'number') return;
    const t0 = sent.get(m.d.seq);
    if (t0 !== undefined) into.push(performance.now() - t0);
  };
  agentSockets.forEach((s) => s.onAny(on(agentLat)));
  supSockets.forEach((s) => s.onAny(on(supLat)));
  try {
    // warm-up: the first NOTIFY of a connection, the first emit of a room
    for (let i = 0; i < 20; i++) await publishLive(prisma, { o: orgId, a: [agents[i % agents.length].id], t: 'call.updated', d: { warmup: true } }, log);
    await sleep(300);
    await paced(EVENTS, RATE, (seq) => {
      const agent = agents[seq % agents.length];
      sent.set(seq, performance.now());
      void publishLive(prisma, { o: orgId, a: [agent.id], t: 'call.updated', d: { run, seq, callId: `bench-${seq}`, state: 'ringing' } }, log);
    });
    await until(() => agentLat.length >= EVENTS && supLat.length >= EVENTS * SUPERVISOR_SOCKETS, DRAIN_MS);
  } finally {
    for (const s of [...agentSockets, ...supSockets]) s.close();
  }
  const sockets = `${agents.length}+${SUPERVISOR_SOCKETS}`;
  return [
    { path: 'publishLive→socket', sockets, receiver: 'agent', samples: agentLat, expected: EVENTS },
    { path: 'publishLive→socket', sockets, receiver: 'supervisor', samples: supLat, expected: EVENTS * SUPERVISOR_SOCKETS },
  ];
}

// ---- 2. LiveCallTracker → socket -------------------------------------------------------------

interface TrackerRun {
  /** Agents rung at once per call (a group ringing its agents simultaneously). */
  ring: number;
  calls: number;
  /** New calls per second. */
  rate: number;
}

async function trackerToSockets(url: string, prisma: PrismaClient, orgId: string, agents: { id: string; token: string }[], supervisor: Creds, opts: TrackerRun): Promise<Row[]> {
  const agentSockets = await openMany(url, agents.map((a) => ({ token: a.token })));
  const supSockets = await openMany(url, Array.from({ length: SUPERVISOR_SOCKETS }, () => supervisor));
  const ringAt = new Map<string, number>();
  const endAt = new Map<string, number>();
  const ringAgent: number[] = [];
  const ringSup: number[] = [];
  const endAgent: number[] = [];
  const trackers = new Map<string, LiveCallTracker>();
  const on = (who: 'agent' | 'supervisor') => (name: string, m: LiveMessage) => {
    const callId = m?.d?.callId;
    if (!callId) return;
    if (name === 'call.updated' && m.d.state === 'ringing') {
      const t0 = ringAt.get(callId);
      if (t0 === undefined) return;
      (who === 'agent' ? ringAgent : ringSup).push(performance.now() - t0);
      // an agent saw the call ring: the call ends (once, on the first agent's event)
      const t = who === 'agent' ? trackers.get(callId) : undefined;
      if (t) {
        trackers.delete(callId);
        endAt.set(callId, performance.now());
        void t.end('answered');
      }
    } else if (name === 'call.ended' && who === 'agent') {
      const t0 = endAt.get(callId);
      if (t0 !== undefined) endAgent.push(performance.now() - t0);
    }
  };
  agentSockets.forEach((s) => s.onAny(on('agent')));
  supSockets.forEach((s) => s.onAny(on('supervisor')));
  const event = (type: string): CallEvent => ({ type, at: Date.now() }) as CallEvent;
  const running = { status: 'running', bridgedLeg: null } as unknown as CallState;
  try {
    await paced(opts.calls, opts.rate, (i) => {
      const callId = randomUUID();
      const t = new LiveCallTracker(prisma, { callId, organizationId: orgId, direction: 'inbound', entryNumber: '+33199000001', caller: '+33612345678', log });
      trackers.set(callId, t);
      t.onSession({ event: event('callStarted'), state: running, effects: [] });
      // its first write (the row created, state ivr) done: then the agents' phones ring
      void (async () => {
        await new Promise((r) => setImmediate(r));
        await t.settled();
        const legs = Array.from({ length: opts.ring }, (_, j) => ({ legId: `leg-${i}-${j}`, target: { kind: 'agent' as const, agentId: agents[(i + j) % agents.length].id }, ringSeconds: 20 }));
        const ring: Effect = { type: 'ringLegs', legs, strategy: opts.ring > 1 ? 'simultaneous' : 'queue', callerId: null };
        ringAt.set(callId, performance.now());
        t.onSession({ event: event('agentAvailable'), state: running, effects: [ring] });
      })();
    });
    const n = opts.calls * opts.ring;
    await until(() => ringAgent.length >= n && ringSup.length >= opts.calls * SUPERVISOR_SOCKETS && endAgent.length >= n, DRAIN_MS);
  } finally {
    for (const t of trackers.values()) await t.end(null);
    for (const s of [...agentSockets, ...supSockets]) s.close();
  }
  const sockets = `${agents.length}+${SUPERVISOR_SOCKETS}`;
  const label = opts.ring > 1 ? `, rings ${opts.ring}` : '';
  return [
    { path: `tracker ringing→socket${label}`, sockets, receiver: 'agent', samples: ringAgent, expected: opts.calls * opts.ring },
    { path: `tracker ringing→socket${label}`, sockets, receiver: 'supervisor', samples: ringSup, expected: opts.calls * SUPERVISOR_SOCKETS },
    // ended on the first agent's ringing event: only the calls whose ringing arrived
    { path: `tracker end→socket${label}`, sockets, receiver: 'agent', samples: endAgent, expected: endAt.size * opts.ring },
  ];
}

/**
 * The largest number of agents a call can ring at once with its `call.updated` under the payload
 * limit (a tracker on a database double; no group or contact name; a path of `steps` nodes whose
 * labels are `labelLength` characters long).
 */
function largestRingThatFits(organizationId: string, agents: { id: string }[], steps = 0, labelLength = 20): number {
  const pathEffects: Effect[] = Array.from({ length: steps }, (_, j) => ({
    type: 'persistEvent',
    entry: { at: Date.now(), kind: 'node-entered', nodeId: `node-${randomBytes(6).toString('hex')}`, nodeType: 'menu', data: { label: 'x'.repeat(labelLength) + j } },
  }));
  const ok = () => Promise.resolve({ count: 0 });
  const db = { liveCall: { upsert: ok, deleteMany: ok, updateMany: ok }, $executeRawUnsafe: () => Promise.resolve(1), $queryRawUnsafe: () => Promise.resolve([]) };
  let fit = 0;
  for (let k = 1; k <= agents.length; k++) {
    const t = new LiveCallTracker(db as never, { callId: randomUUID(), organizationId, direction: 'inbound', entryNumber: '+33199000001', caller: '+33612345678', log });
    t.onSession({ event: { type: 'callStarted', at: Date.now() } as CallEvent, state: { status: 'running', bridgedLeg: null } as unknown as CallState, effects: pathEffects });
    const legs = agents.slice(0, k).map((a, j) => ({ legId: `leg-${j}`, target: { kind: 'agent' as const, agentId: a.id }, ringSeconds: 20 }));
    t.onSession({ event: { type: 'agentAvailable', at: Date.now() } as CallEvent, state: { status: 'running', bridgedLeg: null } as unknown as CallState, effects: [{ type: 'ringLegs', legs, strategy: 'simultaneous', callerId: null }] });
    const view = t.snapshot();
    void t.end(null);
    if (livePayload({ o: organizationId, a: view.agents.map((x) => x.agentId), t: 'call.updated', d: view }) === null) break;
    fit = k;
  }
  return fit;
}

// ---- main -----------------------------------------------------------------------------------

export default async function main(): Promise<void> {
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; ${EVENTS} events at ${RATE}/s, ${CALLS} calls at ${RATE / 2}/s`);
  const app = await startTestApp();
  const prisma = createPrismaClient(app.databaseUrl);
  const rows: Row[] = [];
  try {
    const org = await createOrganizationWithUsers(prisma, 'Live bench');
    const supervisor = await signIn(app.url, org.supervisor);
    const max = Math.max(...AGENT_COUNTS);
    const agents = await createAgents(prisma, org.organization.id, max);
    for (const n of AGENT_COUNTS) {
      const part = await publishToSockets(app.url, prisma, org.organization.id, agents.slice(0, n), supervisor);
      rows.push(...part);
      console.log(`  publishLive, ${n} agent sockets: done`);
    }
    if (CALLS > 0) {
      rows.push(...(await trackerToSockets(app.url, prisma, org.organization.id, agents, supervisor, { ring: 1, calls: CALLS, rate: RATE / 2 })));
      console.log(`  tracker, ${agents.length} agent sockets: done`);
      const fit = largestRingThatFits(org.organization.id, agents);
      const fitPath = largestRingThatFits(org.organization.id, agents, 4, 20);
      const fitLongPath = largestRingThatFits(org.organization.id, agents, 30, 80);
      console.log(
        `  the largest simultaneous ring whose call.updated fits ${LIVE_PAYLOAD_MAX} bytes: ${fit} agents (no path), ` +
          `${fitPath} (a path of 4 steps), ${fitLongPath} (the longest path kept: 30 steps, 80-character labels)`,
      );
      for (const ring of (FANOUT ?? [10, 50, fit, fit + 1]).filter((k) => k <= agents.length)) {
        rows.push(...(await trackerToSockets(app.url, prisma, org.organization.id, agents, supervisor, { ring, calls: FANOUT_CALLS, rate: 5 })));
        console.log(`  tracker, one call ringing ${ring} agents: done`);
      }
    }
  } finally {
    await prisma.$disconnect();
    await app.stop();
  }
  console.log('');
  for (const [m, n] of warnings) console.log(`  runtime warning ×${n}: ${m}`);
  printTable(rows);
  const delivered = rows.filter((r) => r.samples.length > 0);
  const all = delivered.flatMap((r) => r.samples);
  const missing = rows.filter((r) => r.samples.length < r.expected);
  const worstP99 = Math.max(...delivered.map((r) => quantile([...r.samples].sort((a, b) => a - b), 0.99)));
  const worstMax = Math.max(...all);
  const verdict = worstMax < TARGET_MS ? 'within' : 'NOT within';
  console.log(
    `\nconclusion: ${all.length} events received, worst p99 ${ms(worstP99)} ms, worst max ${ms(worstMax)} ms: ${verdict} the ${TARGET_MS} ms target ` +
      `(${Math.floor(TARGET_MS / worstP99)}× margin at p99)` +
      (missing.length ? `; NOT received: ${missing.map((r) => `${r.expected - r.samples.length} of ${r.expected} (${r.path}, ${r.receiver})`).join(', ')}.` : '; none lost.'),
  );
}
