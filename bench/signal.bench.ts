/* eslint-disable @typescript-eslint/no-explicit-any -- drachtio-srf apps are untyped */
// Signalling cost of a call, without media (issue 18, signal-perf): CPU µs per call set-up and
// per held call per second spent by the runtime's main thread, the sip-edge process and the
// PostgreSQL backends of the runtime, with the media on its worker thread (not counted).
// Run: npx tsx bench/signal.bench.ts            (or npm run bench -- signal)
//      SIGNAL_BENCH_CALLS=300 SIGNAL_BENCH_RATE=30 SIGNAL_BENCH_PROFILE=1 npx tsx bench/signal.bench.ts
//
// Production topology for the signalling: the edge in its own process (bench/sip-edge-child.ts),
// the runtime's call handling (flow-runtime/calls, records outbox, live-call tracker, pino logging
// at info into a file) in this process, RTP on a media worker thread. SIPp callers without RTP
// (INVITE, ACK, hold, BYE) call a menu whose prompt plays for the whole hold. Phases, measured by
// CPU time read from /proc (thread and process utime+stime), not wall-clock latencies (the machine
// is shared):
//   set-up   N calls offered at R calls/s, until every call is answered;
//   hold     a window with every call held, nothing arriving or leaving;
//   end      SIPp's BYEs until every call is gone and the outbox is drained.
// Per call set-up = (set-up CPU − held cost over the set-up phase) / N; per held call per second =
// hold CPU / (N × window s); per call end = end CPU / N. SIGNAL_BENCH_PROFILE=1 profiles the main
// thread during set-up and hold (node:inspector) and prints the top self-time entries by function.
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import inspector from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import Srf from 'drachtio-srf';
import { createPrismaClient } from '../prisma/client';
import { CallRecorder } from '../flow-runtime/records/call-recorder';
import { createMediaServer } from '../flow-runtime/media/index';
import { startCallHandling } from '../flow-runtime/calls/index';

const CALLS = Number(process.env.SIGNAL_BENCH_CALLS ?? 200);
const RATE = Number(process.env.SIGNAL_BENCH_RATE ?? 20);
const HOLD_WINDOW_S = Number(process.env.SIGNAL_BENCH_WINDOW ?? 10);
const PROFILE = process.env.SIGNAL_BENCH_PROFILE === '1';
const NUMBER = '+33199000100';
// long enough (~45 s) to play through the whole hold: no step change while the held cost is measured
const PROMPT = Array.from({ length: 5 }, () => 'Bonjour et bienvenue chez Relais, votre service client. Pour le service commercial, tapez 1. Pour le support technique, tapez 2.').join(' ');
const root = path.resolve(import.meta.dirname, '..');
const adminUrl = process.env.TEST_PG_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
const TICK_US = 1e6 / 100; // USER_HZ

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** utime + stime of a process or thread, µs (10 ms resolution). */
function cpuOf(statPath: string): number {
  try {
    const s = readFileSync(statPath, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_US;
  } catch {
    return 0;
  }
}

const caller = (holdMs: number) => `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="relais-signal-bench">
<send retrans="500"><![CDATA[
INVITE sip:${NUMBER}@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:+33612345678@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:${NUMBER}@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: <sip:caller@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Type: application/sdp
Content-Length: [len]

v=0
o=caller 1 1 IN IP4 [local_ip]
s=-
c=IN IP4 [local_ip]
t=0 0
m=audio 9 RTP/AVP 8 0 101
a=rtpmap:8 PCMA/8000
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-16
a=sendrecv

]]></send>
<recv response="100" optional="true"/>
<recv response="180" optional="true"/>
<recv response="183" optional="true"/>
<recv response="200" rrs="true" timeout="30000"/>
<send><![CDATA[
ACK [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:+33612345678@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
[last_To:]
Call-ID: [call_id]
CSeq: 1 ACK
Contact: <sip:caller@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Length: 0

]]></send>
<pause milliseconds="${holdMs}"/>
<send retrans="500"><![CDATA[
BYE [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:+33612345678@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
[last_To:]
Call-ID: [call_id]
CSeq: 2 BYE
Contact: <sip:caller@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Length: 0

]]></send>
<recv response="200" timeout="30000"/>
</scenario>
`;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = dgram.createSocket('udp4');
    s.bind(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
}

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

interface Profile { nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }>; samples?: number[]; timeDeltas?: number[] }

function topSelf(profile: Profile, count = 25): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  (profile.samples ?? []).forEach((id, i) => {
    const n = byId.get(id)!;
    const file = n.callFrame.url.replace(/^file:\/\//, '').replace(root + '/', '').replace(/.*node_modules\//, 'nm/');
    const key = `${n.callFrame.functionName || '(anonymous)'}  ${file}${file ? `:${n.callFrame.lineNumber + 1}` : ''}`;
    const d = deltas[i + 1] ?? 0;
    total += d;
    self.set(key, (self.get(key) ?? 0) + d);
  });
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, count)
    .map(([k, us]) => `${(us / 1000).toFixed(0).padStart(6)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`);
}

/** SIGNAL_BENCH_SQL=1: counts the statements sent by this process (pg.Client#query), by their first words. */
const sqlCounts = new Map<string, number>();
const sqlSlow = new Map<string, number>();
if (process.env.SIGNAL_BENCH_SQL === '1') {
  const proto = pg.Client.prototype as any;
  const query = proto.query;
  proto.query = function (this: unknown, config: any, ...rest: unknown[]) {
    const text = String(typeof config === 'string' ? config : config?.text ?? '').replace(/\s+/g, ' ').slice(0, 90);
    sqlCounts.set(text, (sqlCounts.get(text) ?? 0) + 1);
    const t0 = performance.now();
    const r = query.call(this, config, ...rest);
    if (r && typeof r.then === 'function') {
      void r.then(() => {
        const ms = performance.now() - t0;
        if (ms > (sqlSlow.get(text) ?? 0)) sqlSlow.set(text, ms);
      }, () => undefined);
    }
    return r;
  };
}

export default async function bench(): Promise<void> {
  const dbName = `relais_bench_${randomBytes(5).toString('hex')}`;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'relais-signal-bench-'));
  const arrivalS = CALLS / RATE;
  // answered calls then held a window; the BYE comes after that
  // twice the arrival time: on a loaded machine SIPp may take longer to place them
  const holdMs = Math.round((2 * arrivalS + 4 + HOLD_WINDOW_S + 2) * 1000);
  writeFileSync(path.join(tmp, 'caller.xml'), caller(holdMs));
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  let sippChild: ChildProcess | null = null;
  try {
    await admin(`CREATE DATABASE "${dbName}"`);
    cleanups.push(() => admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`));
    const u = new URL(adminUrl);
    u.pathname = `/${dbName}`;
    const migrate = spawnSync(path.join(root, 'node_modules/.bin/prisma'), ['migrate', 'deploy'],
      { cwd: root, env: { ...process.env, DATABASE_URL: u.toString() }, encoding: 'utf8', timeout: 60_000 });
    if (migrate.status !== 0) throw new Error(`migrate deploy failed:\n${migrate.stdout}\n${migrate.stderr}`);
    const prisma = createPrismaClient(u.toString());
    cleanups.unshift(() => prisma.$disconnect());

    // SIGNAL_BENCH_EDGE_PROFILE=1: the edge writes a .cpuprofile of the whole run into os.tmpdir()/signal-edge-prof/
    const edgeProfileDir = path.join(os.tmpdir(), 'signal-edge-prof');
    const edgeChild = fork(path.join(root, 'bench/sip-edge-child.ts'), [], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      execArgv: [...process.execArgv, ...(process.env.SIGNAL_BENCH_EDGE_PROFILE === '1' ? ['--cpu-prof', `--cpu-prof-dir=${edgeProfileDir}`] : [])],
    });
    cleanups.unshift(async () => {
      if (edgeChild.exitCode !== null) return;
      const exited = new Promise((r) => edgeChild.once('exit', r));
      edgeChild.send('stop');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      edgeChild.kill('SIGKILL');
    });
    const ports = await new Promise<{ sipPort: number; drachtioPort: number }>((resolve, reject) => {
      edgeChild.once('message', (m: any) => (m?.ready ? resolve(m) : reject(new Error('edge did not start'))));
      edgeChild.once('exit', (code) => reject(new Error(`edge exited ${code}`)));
    });

    const logFile = path.join(tmp, 'runtime.log');
    const log = pino({ level: 'info' }, pino.destination({ dest: logFile, sync: false })).child({ component: 'flow-runtime' });
    const portMin = 30000 + 2 * Math.floor(Math.random() * 1000);
    const media = createMediaServer({ thread: 'worker', host: '127.0.0.1', portMin, portMax: portMin + 7998,
      cacheDir: path.join(os.tmpdir(), 'relais-calls-media-cache'), recordingsDir: path.join(tmp, 'recordings') });
    cleanups.unshift(() => media.close());
    const recorder = new CallRecorder(prisma, { dir: path.join(tmp, 'outbox'), logger: log });
    recorder.start();
    cleanups.unshift(() => recorder.close(5000));
    const srf: any = new Srf();
    const calls = startCallHandling(srf, { prisma, recorder, media, dataDir: tmp, logger: log });
    await new Promise<void>((resolve, reject) => {
      srf.connect({ host: '127.0.0.1', port: ports.drachtioPort, secret: 'cymru' });
      srf.on('connect', (err: Error | null) => (err ? reject(err) : resolve()));
      srf.on('error', () => undefined);
    });
    cleanups.unshift(() => srf.disconnect());

    const slug = `bench-${randomBytes(4).toString('hex')}`;
    const org = await prisma.organization.create({ data: { name: slug, slug, timezone: 'Europe/Paris', defaultLanguage: 'fr' } });
    const flow = await prisma.flow.create({ data: { organizationId: org.id, name: 'bench menu' } });
    const prompt = { kind: 'tts', text: { fr: PROMPT, en: PROMPT } };
    const nodes = [
      { id: 'menu', type: 'menu', config: { prompt, keys: [{ key: '1' }, { key: '2' }], timeoutSeconds: 60, retries: 0 } },
      { id: 'bye', type: 'hangup', config: {} },
    ];
    const edges = [['menu', '1', 'bye'], ['menu', '2', 'bye'], ['menu', 'timeout', 'bye'], ['menu', 'invalid', 'bye']];
    const document = {
      schemaVersion: 1, name: 'bench menu', language: 'fr', entry: 'menu',
      nodes: nodes.map((n, i) => ({ ...n, position: { x: i * 200, y: 0 }, label: n.id })),
      edges: edges.map(([source, sourceOutput, target], i) => ({ id: `e${i}`, source, sourceOutput, target })),
    };
    await prisma.flowVersion.create({ data: { organizationId: org.id, flowId: flow.id, status: 'published', number: 1, document, publishedAt: new Date() } });
    await prisma.phoneNumber.create({ data: { organizationId: org.id, e164: NUMBER, flowId: flow.id } });
    const promptMs = (await media.prompts.load({ kind: 'tts', text: PROMPT, voice: 'fr' })).pcm.length / 8;
    if (promptMs < holdMs + 2000) console.log(`(the prompt, ${(promptMs / 1000).toFixed(1)} s, ends before the hold: the held cost includes the menu's step change; use fewer calls or a higher rate)`);

    const dbPids = async (): Promise<number[]> => {
      const rows: Array<{ pid: number }> = await prisma.$queryRawUnsafe(`SELECT pid FROM pg_stat_activity WHERE datname = '${dbName}' AND pid <> pg_backend_pid()`);
      return rows.map((r) => r.pid);
    };
    // warm the pool (so the backends exist before the first measure)
    await Promise.all(Array.from({ length: 10 }, () => prisma.$queryRawUnsafe('SELECT 1 AS x FROM pg_sleep(0.05)')));
    // the pool closes idle connections and opens new ones: the backends are listed at each sample
    let pids = await dbPids();
    // call-seconds held (∫ calls in progress dt), to take the held cost out of the set-up and end phases
    let callSeconds = 0;
    let lastT = performance.now();
    const integ = setInterval(() => {
      const now = performance.now();
      callSeconds += (calls.active.size * (now - lastT)) / 1000;
      lastT = now;
    }, 50);
    cleanups.unshift(() => clearInterval(integ));
    const sample = async () => {
      pids = await dbPids().catch(() => pids);
      return {
        main: cpuOf(`/proc/self/task/${process.pid}/stat`),
        proc: cpuOf('/proc/self/stat'),
        edge: cpuOf(`/proc/${edgeChild.pid}/stat`),
        db: new Map(pids.map((p) => [p, cpuOf(`/proc/${p}/stat`)])),
        t: performance.now(),
        callS: callSeconds,
      };
    };
    type Sample = Awaited<ReturnType<typeof sample>>;
    // a backend opened between two samples counts from its start
    const dbDiff = (a: Sample, b: Sample) => [...b.db].reduce((s, [p, cpu]) => s + cpu - (a.db.get(p) ?? 0), 0);
    const diff = (a: Sample, b: Sample) => ({ main: b.main - a.main, proc: b.proc - a.proc, edge: b.edge - a.edge, db: dbDiff(a, b), s: (b.t - a.t) / 1000, callS: b.callS - a.callS });

    let session: inspector.Session | null = null;
    const profileStart = async () => {
      if (!PROFILE) return;
      session = new inspector.Session();
      session.connect();
      const post = (m: string, p?: object) => new Promise<any>((res, rej) => session!.post(m, p ?? {}, (e, r) => (e ? rej(e) : res(r))));
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 500 });
      await post('Profiler.start');
    };
    const profileStop = async (label: string) => {
      if (!session) return;
      const s = session as inspector.Session;
      const { profile } = await new Promise<any>((res, rej) => s.post('Profiler.stop', (e, r) => (e ? rej(e) : res(r))));
      s.disconnect();
      session = null;
      writeFileSync(path.join(os.tmpdir(), `signal-${label}.cpuprofile`), JSON.stringify(profile));
      console.log(`\nmain thread, ${label}: top self time (profile in ${path.join(os.tmpdir(), `signal-${label}.cpuprofile`)})`);
      for (const line of topSelf(profile)) console.log(line);
    };

    console.log(`${CALLS} calls at ${RATE}/s, menu prompt ${(promptMs / 1000).toFixed(1)} s playing (media worker thread, not counted), ` +
      `SIPp without RTP; edge in its own process; ${os.cpus().length} cores; CPU from /proc (10 ms ticks)`);
    const s0 = await sample();
    await profileStart();
    const localPort = await freePort();
    const child = spawn('sipp', ['-sf', path.join(tmp, 'caller.xml'), '-i', '127.0.0.1', '-p', String(localPort),
      '-r', String(RATE), '-m', String(CALLS), '-l', String(CALLS), '-trace_stat', '-stf', path.join(tmp, 'stat.csv'), '-fd', '1',
      '-timeout', `${Math.ceil(holdMs / 1000) + 60}s`, '-timeout_error', '-nostdin', `127.0.0.1:${ports.sipPort}`], { stdio: 'ignore', cwd: tmp });
    sippChild = child;
    const sippDone = new Promise<void>((r) => child.on('close', () => r()));
    // set-up: every call in the runtime, then a short settle (ACKs, first live/records writes)
    const allIn = await waitFor(() => calls.active.size >= CALLS, (arrivalS + 30) * 1000);
    await new Promise((r) => setTimeout(r, 1500));
    await recorder.flush(10_000);
    const s1 = await sample();
    await profileStop('setup');
    if (!allIn) console.log(`(only ${calls.active.size} of ${CALLS} calls came in)`);
    // hold
    await profileStart();
    const h0 = await sample();
    await new Promise((r) => setTimeout(r, HOLD_WINDOW_S * 1000));
    const h1 = await sample();
    await profileStop('hold');
    const held = calls.active.size;
    // end: BYEs
    await waitFor(() => calls.active.size === 0, holdMs + 60_000);
    await recorder.flush(10_000);
    await new Promise((r) => setTimeout(r, 500));
    const e1 = await sample();
    await sippDone;
    const stat = readFileSync(path.join(tmp, 'stat.csv'), 'utf8').trim().split('\n');
    const head = stat[0].split(';');
    const last = stat[stat.length - 1].split(';');
    const ok = Number(last[head.indexOf('SuccessfulCall(C)')]);
    const failed = Number(last[head.indexOf('FailedCall(C)')]);

    const setup = diff(s0, s1);
    const hold = diff(h0, h1);
    // before the end phase: the BYEs start when the hold of the first call ends
    const end = diff(h1, e1);
    const perHeld = (x: number) => x / hold.callS;
    const row = (name: string, k: 'main' | 'edge' | 'db' | 'proc') =>
      console.log(`${name.padEnd(30)} ${((setup[k] - perHeld(hold[k]) * setup.callS) / CALLS).toFixed(0).padStart(8)}  ${perHeld(hold[k]).toFixed(1).padStart(10)}  ` +
        `${((end[k] - perHeld(hold[k]) * end.callS) / CALLS).toFixed(0).padStart(8)}  ${((100 * hold[k]) / 1e6 / hold.s).toFixed(1).padStart(6)} %`);
    console.log(`\ncalls ok ${ok}, failed ${failed}, held during the window ${held}; set-up phase ${setup.s.toFixed(1)} s, hold window ${hold.s.toFixed(1)} s, end phase ${end.s.toFixed(1)} s`);
    console.log(`${'CPU of'.padEnd(30)} ${'µs/setup'.padStart(8)}  ${'µs/held/s'.padStart(10)}  ${'µs/end'.padStart(8)}  ${'hold %'.padStart(8)}`);
    row('runtime main thread', 'main');
    row('runtime process (+media wkr)', 'proc');
    row('sip-edge process', 'edge');
    row('postgres backends', 'db');
    await new Promise((r) => setTimeout(r, 300));
    const problems = readFileSync(logFile, 'utf8').split('\n').filter((l) => /"level":(40|50|60)/.test(l));
    if (problems.length) console.log(`\n${problems.length} warning/error log lines, the first: ${problems.slice(0, 3).join('\n')}`);
    if (sqlCounts.size) {
      console.log(`\nstatements per call (SIGNAL_BENCH_SQL=1):`);
      for (const [text, n] of [...sqlCounts].sort((a, b) => b[1] - a[1]).slice(0, 30)) if (n >= CALLS / 2) console.log(`${(n / CALLS).toFixed(2).padStart(6)}  max ${(sqlSlow.get(text) ?? 0).toFixed(0).padStart(5)} ms  ${text}`);
    }
  } finally {
    sippChild?.kill('SIGKILL');
    for (const c of cleanups) {
      try {
        await c();
      } catch {
        // best effort
      }
    }
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await bench();
