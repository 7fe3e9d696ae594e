// Live calls benchmark (loopback only, bounded to ~5 min): how many calls the runtime holds in a
// menu with its prompt playing, on this machine, and what a held call costs.
// Run: npm run bench -- calls
//      MEDIA_THREAD=worker npm run bench -- calls          (the runtime's own settings pass through)
//      CALLS_BENCH_PROFILE=1 npm run bench -- calls        (CPU profiles of the runtime at the 400 step,
//                                                          or CALLS_BENCH_PROFILE=<calls held> for another)
//      CALLS_BENCH_STEPS=100,200,400 CALLS_BENCH_RATE=25    (calls held per step, new calls/s while filling)
//      CALLS_BENCH_RTP=sipp                                 (SIPp's play_pcap_audio sends the callers' RTP
//                                                          instead of the light RTP caller: to compare)
// See bench/README.md for what it measures, the figures, and how to read a profile.
// Figures (7 Dec 2026, quiet 2-core Intel Xeon, after the media clock's phases and the RTP kernel
// filter): 1,200 calls held (the largest step) at RTP send p99 2.00 ms, 0 failed; runtime 465 µs
// CPU per held call per second vs 336 µs per stream per second for the media alone (1.39×); 160 new
// calls/s sustained with 1,200 held; the light RTP caller 108 µs per call per second. Details and
// the earlier figures in the README.
//
// Production topology (scripts/start.ts): the sip-edge in its own process (sip-edge/main.ts),
// the flow runtime in its own process (bench/support/runtime-process.ts: flow-runtime/main.ts's
// wiring plus an IPC channel for stats and profiles), a fresh PostgreSQL database. The callers:
// SIPp for the signalling (INVITE, ACK, hold, BYE), one SIPp process per step adding that step's
// calls; their RTP from the light RTP caller (bench/support/rtp-caller.c, built with gcc), one
// process and one UDP socket for every call, answering each runtime endpoint that sends to it.
//
// Ramp by calls held: each step adds calls at CALLS_BENCH_RATE new calls/s (default 25) until the
// runtime holds the step's number (100, 200, 400, 600, 800, 1000, 1200), the earlier calls staying
// up; then 2 s to settle and a 6 s window with no new calls. Per step: calls held, failed calls %,
// the new calls/s achieved while filling (and the runtime's CPU per call set up), the RTP packets
// per call per second the runtime sent and received (50/50 when nothing is dropped), the RTP send
// deviation from the 20 ms grid (the media server's pacing stats, merged over its workers) p99 and
// max, the runtime's CPU (all threads, /proc), its µs per held call per second, its main event
// loop utilisation and its main thread's CPU, and the CPU of the sip-edge, of SIPp and of the RTP
// caller. The ramp stops when failures pass 1 %, when the runtime's main thread uses more than 90 %
// of a core (saturated: CPU time, not wall-clock lateness, which other processes cause too), when
// RTP p99 passes 200 ms, or when the next step would pass the time budget. Then bursts of short
// calls at 20, 40, 80, 160 new calls/s with those calls still held: the largest rate whose calls
// were all answered in time is the new calls/s sustained at that size.
// Then an RFC 4733 check at load (every held call presses 1; the menu's key 1 hangs up), and the
// media-only figure at the best size (bench/support/media-probe.ts: the same media server,
// prompts looping to a sink, no inbound RTP: the media bench's µs per stream per second), and the
// summary the issue asks for. A step counts as held with RTP p99 ≤ 5 ms, ≥ 49 packets/s sent per
// call and no failed call.
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createPrismaClient } from '../prisma/client';
import { RtpCaller, type RtpCallerStats } from './support/rtp-caller';
import { processCpuUs, processesCpuUs } from './support/proc-cpu';
import { summarizeProfile } from './support/profile-summary';

const STEPS = (process.env.CALLS_BENCH_STEPS ?? '100,200,400,600,800,1000,1200').split(',').map(Number);
const RATE = Number(process.env.CALLS_BENCH_RATE ?? 25);
const GENERATOR = process.env.CALLS_BENCH_RTP === 'sipp' ? 'sipp' : 'light';
const PROFILE_STEP = !process.env.CALLS_BENCH_PROFILE ? 0 : process.env.CALLS_BENCH_PROFILE === '1' ? 400 : Number(process.env.CALLS_BENCH_PROFILE);
const SETTLE_MS = 2000;
const WINDOW_MS = 6000;
/** The ramp's budget from the start (set-up ~20 s included); the set-up bursts, the RFC 4733 check and the media probe follow (≤ ~90 s). */
const BUDGET_MS = Number(process.env.CALLS_BENCH_BUDGET_S ?? 240) * 1000;
const P99_TARGET_MS = 5;
/** The set-up bursts at the end (new calls/s sustained with the calls held). */
const SETUP_RATES = (process.env.CALLS_BENCH_SETUP_RATES ?? '20,40,80,160').split(',').filter(Boolean).map(Number);
const SETUP_OFFER_S = 4;
const SETUP_HOLD_MS = 1000;
const P99_STOP_MS = Number(process.env.CALLS_BENCH_P99_STOP_MS ?? 200);
/** RTP packets per held call per second the runtime must send for a step to count as held (50 = every 20 ms). */
const MIN_OUT_PPS = 49;
const MAIN_CPU_STOP = 0.9;
const FAIL_STOP = 0.01;
const NUMBER = '+33199000100';
const PCAP = '/usr/share/sip-tester/g711a.pcap';
const PCAP_SECONDS = 7;
const PROMPT = 'Bonjour et bienvenue chez Relais, votre service client. Nos conseillers sont disponibles du lundi au vendredi, ' +
  'de huit heures à dix-neuf heures, et le samedi matin. Pour le service commercial, tapez 1. Pour le support technique, ' +
  'tapez 2. Pour la facturation, tapez 3. Pour réécouter ce message, tapez étoile. Merci de votre patience.';

const root = path.resolve(import.meta.dirname, '..');
const adminUrl = process.env.TEST_PG_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** The caller's scenario. Light: the SDP points at the RTP caller; sipp: SIPp plays its capture (looped by repeating it). */
function scenario(rtpPort: number | null, holdMs: number): string {
  const media = rtpPort === null ? '[auto_media_port]' : String(rtpPort);
  const play = rtpPort === null
    ? Array.from({ length: Math.ceil(holdMs / 1000 / PCAP_SECONDS) }, () =>
      `<nop><action><exec play_pcap_audio="${PCAP}"/></action></nop>\n<pause milliseconds="${Math.min(PCAP_SECONDS * 1000, holdMs)}"/>`).join('\n')
    : '<pause/>';
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="relais-calls-bench">
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
m=audio ${media} RTP/AVP 8 0 101
a=rtpmap:8 PCMA/8000
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-16
a=sendrecv

]]></send>
<recv response="100" optional="true"/>
<recv response="180" optional="true"/>
<recv response="183" optional="true"/>
<recv response="200" rrs="true" timeout="15000"/>
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
${play}
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
<recv response="200" timeout="10000"/>
</scenario>
`;
}

async function freeUdpPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = dgram.createSocket('udp4');
    s.bind(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
}

async function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

/** A SIP port free for both UDP and TCP (the edge listens on both). */
async function freeSipPort(): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const p = await freeTcpPort();
    const ok = await new Promise<boolean>((resolve) => {
      const s = dgram.createSocket('udp4');
      s.once('error', () => resolve(false));
      s.bind(p, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (ok) return p;
  }
  throw new Error('no free SIP port');
}

interface SippRun { child: ChildProcess; stat: string; calls: number; exited: boolean; stderr: string }

/** SIPp's cumulative counters from its -trace_stat CSV (written every second). */
function sippCounters(run: SippRun): { created: number; failed: number; successful: number; current: number } {
  try {
    const lines = readFileSync(run.stat, 'utf8').trim().split('\n');
    const head = lines[0].split(';');
    const last = lines[lines.length - 1].split(';');
    const col = (name: string) => Number(last[head.indexOf(name)] ?? 0);
    return { created: col('OutgoingCall(C)'), failed: col('FailedCall(C)'), successful: col('SuccessfulCall(C)'), current: col('CurrentCall') };
  } catch {
    return { created: 0, failed: 0, successful: 0, current: 0 };
  }
}

class Runtime {
  private pending = new Map<number, (m: Record<string, unknown>) => void>();
  private nextId = 1;
  constructor(readonly child: ChildProcess) {
    child.on('message', (m: { id?: number }) => {
      if (m.id === undefined) return;
      this.pending.get(m.id)?.(m as Record<string, unknown>);
      this.pending.delete(m.id);
    });
  }

  request<T>(op: string, extra: Record<string, unknown> = {}, timeoutMs = 30_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`runtime did not answer ${op} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, (m) => {
        clearTimeout(timer);
        if (m.error) reject(new Error(`runtime ${op}: ${String(m.error)}`));
        else resolve(m as T);
      });
      this.child.send({ id, op, ...extra });
    });
  }
}

interface PacingStats { p50Ms: number; p99Ms: number; maxMs: number; packetsSent: number; packetsReceived: number; endpoints: number }
interface RuntimeStats { at: number; active: number; pacing: PacingStats; clock: { wake: { p99Ms: number }; spread: { p99Ms: number }; droppedTicks: number }; elu: { idle: number; active: number }; cpu: NodeJS.CpuUsage }

interface SetupResult { rate: number; held: number; setupUs: number; edgeUs: number }

interface Step {
  target: number; held: number; flowing: number; offered: number; failed: number; failRate: number;
  fillCps: number; setupUs: number; p99: number; max: number; wake: number; spread: number;
  /** RTP packets per held call per second sent and received by the runtime in the window (50 each when the prompt plays and the caller talks). */
  outPps: number; inPps: number;
  runtimeCpu: number; mainCpu: number; usPerCall: number; elu: number; edgeCpu: number; sippCpu: number; genCpu: number; genUsPerCall: number; genLateP99: number;
  profiled: boolean;
}

export default async function bench(): Promise<void> {
  const started = Date.now();
  const dbName = `relais_bench_${randomBytes(5).toString('hex')}`;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'relais-calls-bench-'));
  const profileDir = process.env.CALLS_BENCH_PROFILE_DIR ?? path.join(os.tmpdir(), `relais-calls-profiles-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  const children = new Set<ChildProcess>();
  const sipps: SippRun[] = [];
  const steps: Step[] = [];
  let caller: RtpCaller | null = null;
  const modeLabel = `MEDIA_THREAD=${process.env.MEDIA_THREAD ?? 'main'}${process.env.MEDIA_WORKERS ? ` MEDIA_WORKERS=${process.env.MEDIA_WORKERS}` : ''}`;
  try {
    // database
    await admin(`CREATE DATABASE "${dbName}"`);
    cleanups.push(() => admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`));
    const u = new URL(adminUrl);
    u.pathname = `/${dbName}`;
    const dbUrl = u.toString();
    const migrate = spawnSync(path.join(root, 'node_modules/.bin/prisma'), ['migrate', 'deploy'],
      { cwd: root, env: { ...process.env, DATABASE_URL: dbUrl }, encoding: 'utf8', timeout: 90_000 });
    if (migrate.status !== 0) throw new Error(`migrate deploy failed:\n${migrate.stdout}\n${migrate.stderr}`);
    const prisma = createPrismaClient(dbUrl);
    cleanups.unshift(() => prisma.$disconnect());

    // the organisation, its number and a published menu flow whose prompt loops (no key: back to the menu)
    const slug = `bench-${randomBytes(4).toString('hex')}`;
    const org = await prisma.organization.create({ data: { name: slug, slug, timezone: 'Europe/Paris', defaultLanguage: 'fr' } });
    const flow = await prisma.flow.create({ data: { organizationId: org.id, name: 'bench menu' } });
    const prompt = { kind: 'tts', text: { fr: PROMPT, en: PROMPT } };
    const nodes = [
      { id: 'menu', type: 'menu', config: { prompt, keys: [{ key: '1' }, { key: '2' }, { key: '3' }], timeoutSeconds: 1, retries: 0 } },
      { id: 'bye', type: 'hangup', config: {} },
    ];
    const edges = [['menu', '1', 'bye'], ['menu', '2', 'bye'], ['menu', '3', 'bye'], ['menu', 'timeout', 'menu'], ['menu', 'invalid', 'menu']];
    const document = {
      schemaVersion: 1, name: 'bench menu', language: 'fr', entry: 'menu',
      nodes: nodes.map((n, i) => ({ ...n, position: { x: i * 200, y: 0 }, label: n.id })),
      edges: edges.map(([source, sourceOutput, target], i) => ({ id: `e${i}`, source, sourceOutput, target })),
    };
    await prisma.flowVersion.create({ data: { organizationId: org.id, flowId: flow.id, status: 'published', number: 1, document, publishedAt: new Date() } });
    await prisma.phoneNumber.create({ data: { organizationId: org.id, e164: NUMBER, flowId: flow.id } });

    // the sip-edge and the runtime, each in its own process (their logs in the run's temp dir)
    const dataDir = path.join(tmp, 'data');
    mkdirSync(dataDir, { recursive: true });
    const sharedCache = path.join(os.tmpdir(), 'relais-calls-bench-media-cache');
    mkdirSync(sharedCache, { recursive: true });
    symlinkSync(sharedCache, path.join(dataDir, 'media-cache')); // the TTS prompt is synthesised once per machine
    const sipPort = await freeSipPort();
    const drachtioPort = await freeTcpPort();
    const secret = randomBytes(8).toString('hex');
    const edgeLog = openSync(path.join(tmp, 'sip-edge.log'), 'w');
    const edge = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'sip-edge/main.ts')], {
      cwd: root, stdio: ['ignore', edgeLog, edgeLog],
      env: { ...process.env, SIP_EDGE_SIP_HOST: '127.0.0.1', SIP_EDGE_SIP_PORT: String(sipPort), DRACHTIO_PORT: String(drachtioPort), DRACHTIO_SECRET: secret },
    });
    closeSync(edgeLog);
    children.add(edge);
    await waitFor(() => readFileSync(path.join(tmp, 'sip-edge.log'), 'utf8').includes('SIP listening'), 30_000, 'the sip-edge did not start', () => readFileSync(path.join(tmp, 'sip-edge.log'), 'utf8').slice(-2000));
    const rtpMin = 20000 + 2 * Math.floor(Math.random() * 2000);
    const runtimeLog = openSync(path.join(tmp, 'runtime.log'), 'w');
    const runtimeChild = fork(path.join(import.meta.dirname, 'support/runtime-process.ts'), [], {
      cwd: root, execArgv: ['--import', 'tsx'], stdio: ['ignore', runtimeLog, runtimeLog, 'ipc'],
      env: {
        ...process.env, DATABASE_URL: dbUrl, DRACHTIO_HOST: '127.0.0.1', DRACHTIO_PORT: String(drachtioPort), DRACHTIO_SECRET: secret,
        RELAIS_DATA_DIR: dataDir, RTP_PORT_MIN: String(rtpMin), RTP_PORT_MAX: String(rtpMin + 9998),
      },
    });
    closeSync(runtimeLog);
    children.add(runtimeChild);
    const runtime = new Runtime(runtimeChild);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the runtime did not connect to the sip-edge:\n${readFileSync(path.join(tmp, 'runtime.log'), 'utf8').slice(-2000)}`)), 60_000);
      runtimeChild.on('message', (m: { ready?: boolean }) => { if (m.ready) { clearTimeout(timer); resolve(); } });
      runtimeChild.once('exit', (code) => reject(new Error(`the runtime exited (${code}):\n${readFileSync(path.join(tmp, 'runtime.log'), 'utf8').slice(-2000)}`)));
    });

    // the callers' RTP
    if (GENERATOR === 'light') {
      caller = await RtpCaller.start({ pcap: PCAP });
      children.add(caller.child);
    }
    const target = `127.0.0.1:${sipPort}`;
    const startSipp = async (calls: number, rate: number, holdMs: number, label: string): Promise<SippRun> => {
      const file = path.join(tmp, `caller-${label}.xml`);
      writeFileSync(file, scenario(caller ? caller.port : null, holdMs));
      const stat = path.join(tmp, `stat-${label}.csv`);
      const args = ['-sf', file, '-i', '127.0.0.1', '-p', String(await freeUdpPort()), '-r', String(rate), '-m', String(calls), '-l', String(calls),
        '-d', String(holdMs), '-trace_stat', '-stf', stat, '-fd', '1', '-nostdin', target];
      if (!caller) args.splice(6, 0, '-mp', String(40000 + 2 * Math.floor(Math.random() * 5000)));
      const child = spawn('sipp', args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: tmp });
      const run: SippRun = { child, stat, calls, exited: false, stderr: '' };
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (d: string) => { run.stderr = (run.stderr + d).slice(-400); });
      child.on('exit', () => { run.exited = true; });
      children.add(child);
      return run;
    };
    const runtimeStats = () => runtime.request<RuntimeStats>('stats');

    // warm-up: a few calls (JIT, the flow cache, the prompt's synthesis), not measured. A first call can
    // get a 503 when the database is slow to answer on a busy machine (the runtime's 2 s lookup deadline): try again.
    for (let attempt = 1; ; attempt++) {
      const warm = await startSipp(10, 10, 3000, `warmup-${attempt}`);
      await waitFor(() => warm.exited, 60_000, 'the warm-up calls did not end', () => warm.stderr);
      const wc = sippCounters(warm);
      if (wc.successful === 10) break;
      if (attempt === 3) throw new Error(`warm-up: ${wc.successful}/10 calls succeeded (SIPp: ${warm.stderr.trim() || 'no message'}; runtime log: ${readFileSync(path.join(tmp, 'runtime.log'), 'utf8').slice(-1500)})`);
      console.log(`(warm-up: ${wc.successful}/10 calls succeeded; again)`);
    }
    await runtime.request('drain', { ms: 10_000 }, 15_000);

    console.log(`menu flow whose TTS prompt loops; callers: SIPp signalling + ${GENERATOR === 'light' ? 'the light RTP caller (one process for all calls)' : "SIPp's play_pcap_audio (a thread per call)"}; ` +
      `runtime ${modeLabel}, sip-edge and runtime in their own processes; ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), loadavg ${os.loadavg()[0].toFixed(1)}; loopback`);
    console.log(`steps add calls at ${RATE} new calls/s up to the step's number, then ${SETTLE_MS / 1000} s settle and a ${WINDOW_MS / 1000} s window without new calls; CPU from /proc (all threads) in % of one core`);
    console.log(' held  failed  new/s  set-up µs | RTP out/in  p99   max  wake p99 | runtime CPU  µs/call/s  main thread CPU, ELU | edge CPU  SIPp CPU | caller CPU  µs/call/s  late p99');
    const pids = () => ({ runtime: processCpuUs(runtimeChild.pid), runtimeMain: processCpuUs(runtimeChild.pid, runtimeChild.pid), edge: processCpuUs(edge.pid), sipp: processesCpuUs(sipps.map((s) => s.child.pid)), gen: caller ? processCpuUs(caller.pid) : 0 });

    let offered = 0;
    let unresponsive = false;
    for (const stepTarget of STEPS) {
      try {
        const before = await runtimeStats();
        const toAdd = stepTarget - before.active;
        if (toAdd <= 0) continue;
        const fillS = toAdd / RATE;
        const elapsed = Date.now() - started;
        if (elapsed + (fillS + 10 + (SETTLE_MS + WINDOW_MS) / 1000 + 5) * 1000 > BUDGET_MS) {
          console.log(`(stopping: the ${stepTarget} step would pass the ${BUDGET_MS / 1000} s budget)`);
          break;
        }
        const profiled = PROFILE_STEP === stepTarget;
        mkdirSync(profileDir, { recursive: true });
        if (profiled) await runtime.request('profile-start');
        // fill: this step's SIPp adds its calls; they stay up until the end of the bench
        const holdMs = BUDGET_MS + 120_000 - (Date.now() - started);
        const cpuFill0 = pids();
        const tFill = Date.now();
        const run = await startSipp(toAdd, RATE, holdMs, String(stepTarget));
        sipps.push(run);
        offered += toAdd;
        const failedNow = () => sipps.reduce((s, r) => s + sippCounters(r).failed, 0);
        let lastActive = before.active;
        let tFirst = 0;
        let tLast = 0;
        await waitFor(async () => {
          const s = await runtimeStats();
          if (s.active > lastActive) {
            tLast = Date.now();
            if (!tFirst) tFirst = tLast;
          }
          lastActive = s.active;
          const c = sippCounters(run);
          return s.active >= stepTarget || run.exited || (c.created >= toAdd && c.failed + (s.active - before.active) >= toAdd);
        }, fillS * 1000 * 3 + 20_000, '', undefined, 50).catch(() => undefined);
        const fillMs = Date.now() - tFill;
        const cpuFill = pids();
        if (profiled) {
          const files = await runtime.request<{ files: string[] }>('profile-stop', { file: path.join(profileDir, `calls-${stepTarget}-setup.cpuprofile`) }, 60_000);
          console.log(`(profile of the set-up of ${toAdd} calls at ${RATE}/s with ${before.active} held: ${files.files.join(', ')})`);
          for (const f of files.files) for (const l of summarizeProfile(f)) console.log(l);
          await runtime.request('profile-start');
        }
        await sleep(SETTLE_MS);
        await runtime.request('reset');
        await caller?.reset();
        const s0 = await runtimeStats();
        const c0 = pids();
        const t0 = Date.now();
        await sleep(WINDOW_MS);
        const s1 = await runtimeStats();
        const c1 = pids();
        const seconds = (Date.now() - t0) / 1000;
        const gen: RtpCallerStats | null = caller ? await caller.stats() : null;
        if (profiled) {
          const files = await runtime.request<{ files: string[] }>('profile-stop', { file: path.join(profileDir, `calls-${stepTarget}-held.cpuprofile`) }, 60_000);
          console.log(`(profile of ${s1.active} calls held for ${WINDOW_MS / 1000} s: ${files.files.join(', ')})`);
          for (const f of files.files) for (const l of summarizeProfile(f)) console.log(l);
        }
        const failed = failedNow() + Math.max(0, offered - failedNow() - s1.active);
        const added = lastActive - before.active;
        const held = s1.active;
        const core = (us: number) => us / (seconds * 1e6);
        const usPerHeld = (c1.runtime - c0.runtime) / Math.max(1, held) / seconds;
        const dElu = { idle: s1.elu.idle - s0.elu.idle, active: s1.elu.active - s0.elu.active };
        const step: Step = {
          target: stepTarget, held, flowing: gen?.flowing ?? held, offered, failed, failRate: failed / Math.max(1, offered),
          // from the first call up to the last one (SIPp's start-up left out; one arrival interval added for the first call),
          // or over the whole fill when the runtime answered too few stats requests meanwhile to tell
          fillCps: added / ((tLast - tFirst) / 1000 + 1 / RATE >= 0.5 * (fillMs / 1000) ? (tLast - tFirst) / 1000 + 1 / RATE : fillMs / 1000),
          // the fill's runtime CPU less what the calls already held cost meanwhile (the window's cost per held call)
          setupUs: added > 0 ? Math.max(0, (cpuFill.runtime - cpuFill0.runtime) - usPerHeld * (before.active + added / 2) * (fillMs / 1000)) / added : 0,
          p99: s1.pacing.p99Ms, max: s1.pacing.maxMs,
        // counted from the reset; rated over the runtime's own timestamps of the two readings
        outPps: (s1.pacing.packetsSent - s0.pacing.packetsSent) / Math.max(1, held) / Math.max(0.001, (s1.at - s0.at) / 1000),
        inPps: (s1.pacing.packetsReceived - s0.pacing.packetsReceived) / Math.max(1, held) / Math.max(0.001, (s1.at - s0.at) / 1000), wake: s1.clock.wake.p99Ms, spread: s1.clock.spread.p99Ms,
          runtimeCpu: core(c1.runtime - c0.runtime), mainCpu: core(c1.runtimeMain - c0.runtimeMain), usPerCall: usPerHeld,
          elu: dElu.active / Math.max(1e-9, dElu.active + dElu.idle),
          edgeCpu: core(c1.edge - c0.edge), sippCpu: core(c1.sipp - c0.sipp), genCpu: core(c1.gen - c0.gen),
          genUsPerCall: (c1.gen - c0.gen) / Math.max(1, held) / seconds, genLateP99: (gen?.late_p99_us ?? 0) / 1000, profiled,
        };
        steps.push(step);
      if (process.env.CALLS_BENCH_DEBUG) console.log(JSON.stringify({ s0: { at: s0.at, pacing: s0.pacing, active: s0.active }, s1: { at: s1.at, pacing: s1.pacing, active: s1.active }, gen, seconds }));
        const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
        console.log(`${String(held).padStart(5)}  ${(step.failRate * 100).toFixed(2).padStart(4)} %  ${step.fillCps.toFixed(1).padStart(5)}  ${(step.setupUs > 0 ? step.setupUs.toFixed(0) : 'n/a').padStart(9)} | ` +
          `${`${step.outPps.toFixed(0)}/${step.inPps.toFixed(0)}`.padStart(7)} ${step.p99.toFixed(2).padStart(5)} ms ${step.max.toFixed(1).padStart(5)}  ${step.wake.toFixed(2).padStart(5)} ms | ` +
          `${pct(step.runtimeCpu).padStart(11)}  ${step.usPerCall.toFixed(0).padStart(9)}  ${pct(step.mainCpu).padStart(15)}, ${pct(step.elu).padStart(4)} | ${pct(step.edgeCpu).padStart(8)}  ${pct(step.sippCpu).padStart(8)} | ` +
          `${(GENERATOR === 'light' ? pct(step.genCpu) : '-').padStart(10)}  ${(GENERATOR === 'light' ? step.genUsPerCall.toFixed(1) : '-').padStart(9)}  ${GENERATOR === 'light' ? `${step.genLateP99.toFixed(2)} ms` : '-'}` +
          `${gen && gen.flowing < held ? `  (RTP flowing on ${gen.flowing} calls only)` : ''}${profiled ? '  (profiled)' : ''}`);
        if (step.failRate > FAIL_STOP) { console.log(`(stopping: ${(step.failRate * 100).toFixed(2)} % of the calls failed)`); break; }
        // Saturation is read from CPU time, not from wall-clock lateness, which other processes on the machine cause too.
        if (step.mainCpu > MAIN_CPU_STOP) { console.log(`(stopping: the runtime's main thread used ${(step.mainCpu * 100).toFixed(0)} % of a core)`); break; }
        if (step.p99 > P99_STOP_MS) { console.log(`(stopping: RTP p99 ${step.p99.toFixed(1)} ms > ${P99_STOP_MS} ms)`); break; }
      } catch (err) {
        // an unresponsive runtime (IPC timeout) or a step that could not run: report what was measured
        console.log(`(stopping: ${err instanceof Error ? err.message : String(err)})`);
        unresponsive = true;
        break;
      }
    }

    // new calls/s sustained with the last step's calls still held: bursts of short calls at growing rates
    let setup: SetupResult | null = null;
    const lastStep = steps.at(-1);
    const heldNow = lastStep && SETUP_RATES.length && !unresponsive ? await runtimeStats().then((r) => r.active, () => null) : null;
    if (lastStep && heldNow !== null) {
      console.log(`set-up rate with ${heldNow} calls held: bursts of ${SETUP_OFFER_S} s of calls held ${SETUP_HOLD_MS / 1000} s`);
      console.log(' rate/s  offered  ok    failed  done in  runtime CPU  set-up µs/call | sip-edge µs/call');
      for (const rate of SETUP_RATES) {
        if (Date.now() - started + (SETUP_OFFER_S + SETUP_HOLD_MS / 1000 + 8) * 1000 > BUDGET_MS + 30_000) {
          console.log('(stopping: time budget)');
          break;
        }
        const calls = rate * SETUP_OFFER_S;
        const c0 = pids();
        const t0 = Date.now();
        const run = await startSipp(calls, rate, SETUP_HOLD_MS, `setup-${rate}`);
        await waitFor(() => run.exited, (SETUP_OFFER_S + SETUP_HOLD_MS / 1000) * 1000 + 20_000, '').catch(() => run.child.kill('SIGKILL'));
        const seconds = (Date.now() - t0) / 1000;
        const c1 = pids();
        const k = sippCounters(run);
        const heldCost = lastStep.usPerCall * heldNow * seconds;
        const setupUs = Math.max(0, (c1.runtime - c0.runtime) - heldCost) / Math.max(1, k.successful);
        // the edge does nothing for held calls: all its CPU here is these calls' SIP (INVITE to BYE)
        const edgeUs = (c1.edge - c0.edge) / Math.max(1, k.successful);
        // sustained: every call answered and the burst done within its offer time, hold and 3 s
        const ok = k.failed === 0 && k.successful === calls && seconds <= SETUP_OFFER_S + SETUP_HOLD_MS / 1000 + 3;
        console.log(`${String(rate).padStart(7)}  ${String(calls).padStart(7)}  ${String(k.successful).padStart(4)}  ${String(k.failed).padStart(6)}  ${seconds.toFixed(1).padStart(5)} s  ` +
          `${`${(((c1.runtime - c0.runtime) / (seconds * 1e6)) * 100).toFixed(0)} %`.padStart(11)}  ${(setupUs > 0 ? setupUs.toFixed(0) : 'n/a').padStart(14)} | ${edgeUs.toFixed(0).padStart(16)}`);
        if (!ok) break;
        setup = { rate, held: heldNow, setupUs, edgeUs };
      }
    }

    // RFC 4733 under load: every held call presses 1 (the menu's key 1 leads to a hang-up); the flows hang up
    let dtmfLine = '';
    if (caller && steps.length) {
      const n0 = await runtimeStats().then((r) => r.active, () => 0);
      if (n0 > 0) {
        const t0 = Date.now();
        await caller.dtmf('1');
        let left = n0;
        await waitFor(async () => (left = (await runtimeStats()).active) === 0, 40_000, '').catch(() => undefined);
        dtmfLine = `RFC 4733 at load: key 1 sent by the RTP caller to the ${n0} calls held; ${n0 - left} left the menu by key 1 and were hung up by the flow within ${((Date.now() - t0) / 1000).toFixed(1)} s` +
          (left ? ` (${left} still up)` : '');
      }
    }

    // stop everything but the database before the media-only measurement
    for (const r of sipps) r.child.kill('SIGKILL');
    runtimeChild.kill('SIGKILL');
    edge.kill('SIGKILL');
    caller?.stop();
    caller = null;

    // held means: no failed call, the runtime's sends on time (p99) and all of them there (a starved media clock
    // drops ticks: the p99 of the packets sent says nothing of the ones never sent)
    const ok = steps.filter((s) => s.failed === 0 && s.p99 <= P99_TARGET_MS && s.outPps >= MIN_OUT_PPS && !s.profiled);
    const best = ok.at(-1) ?? null;
    const ref = best ?? steps.filter((s) => !s.profiled).at(-1) ?? null;
    let mediaUs: number | null = null;
    if (ref) mediaUs = await mediaProbe(ref.held, tmp);
    console.log('');
    if (best) {
      console.log(`largest load held with RTP send p99 ≤ ${P99_TARGET_MS} ms (≥ ${MIN_OUT_PPS} packets/s sent per call) and 0 % failed: ${best.held} calls in the menu with the prompt playing (target 1,000); ` +
        `RTP p99 ${best.p99.toFixed(2)} ms, max ${best.max.toFixed(1)} ms`);
    } else {
      console.log(`no step held with RTP send p99 ≤ ${P99_TARGET_MS} ms (≥ ${MIN_OUT_PPS} packets/s sent per call) and 0 % failed (target 1,000 calls)`);
    }
    if (ref) {
      console.log(`runtime CPU per held call: ${ref.usPerCall.toFixed(0)} µs per call per second at ${ref.held} calls (${(ref.runtimeCpu * 100).toFixed(0)} % of a core, all threads)` +
        (mediaUs !== null ? `; media alone (media bench method, same media settings, ${ref.held} streams): ${mediaUs.toFixed(0)} µs per stream per second → ratio ${(ref.usPerCall / mediaUs).toFixed(2)}× (target < 2×)` : ''));
      console.log(`new calls/s while filling to ${ref.held} calls: ${ref.fillCps.toFixed(1)} achieved for ${RATE} offered (runtime CPU ≈ ${ref.setupUs > 0 ? `${ref.setupUs.toFixed(0)} µs` : 'n/a'} per call set up)`);
    }
    if (setup) {
      console.log(`new calls/s sustained with ${setup.held} calls held: ${setup.rate} (every call answered, 0 failed; runtime CPU ≈ ${setup.setupUs > 0 ? `${setup.setupUs.toFixed(0)} µs` : 'n/a'} per call set up, sip-edge ${setup.edgeUs.toFixed(0)} µs per call)`);
    } else if (SETUP_RATES.length) {
      console.log(`new calls/s sustained: none of the set-up bursts (${SETUP_RATES.join(', ')}/s) had every call answered in time`);
    }
    if (ref) {
      console.log(`around it: sip-edge ${(ref.edgeCpu * 100).toFixed(0)} % of a core, SIPp (signalling only${GENERATOR === 'sipp' ? ' + RTP' : ''}) ${(ref.sippCpu * 100).toFixed(0)} %` +
        (GENERATOR === 'light' ? `, light RTP caller ${(ref.genCpu * 100).toFixed(1)} % (${ref.genUsPerCall.toFixed(1)} µs per call per second, its tick lateness p99 ${ref.genLateP99.toFixed(2)} ms)` : ''));
    }
    if (dtmfLine) console.log(dtmfLine);
    console.log(`(wall-clock p99s depend on what else runs on the machine: judge changes by the CPU columns; loadavg at the end ${os.loadavg()[0].toFixed(1)})`);
    console.log(`calls bench took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    caller?.stop();
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    for (const c of cleanups) {
      try {
        await c();
      } catch {
        // best effort
      }
    }
    if (!process.env.CALLS_BENCH_KEEP) rmSync(tmp, { recursive: true, force: true });
    else console.log(`(logs kept in ${tmp})`);
  }
}

/** µs per stream per second of the media server alone at `streams` streams (bench/support/media-probe.ts). */
async function mediaProbe(streams: number, tmp: string): Promise<number | null> {
  const sink = await RtpCaller.start({ sink: true });
  try {
    const out = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'support/media-probe.ts'), String(sink.port), String(streams), '4000'],
      { cwd: root, encoding: 'utf8', timeout: 45_000, env: process.env });
    if (out.error || out.status !== 0) {
      console.log(`(media-only measurement at ${streams} streams did not finish: ${out.error?.message ?? `exit ${out.status}`}${out.signal ? ` (${out.signal} after 45 s: its event loop never came back)` : ''}; ${out.stderr.trim().slice(-300)})`);
      return null;
    }
    const line = out.stdout.trim().split('\n').at(-1) ?? '';
    return (JSON.parse(line) as { usPerStreamPerS: number }).usPerStreamPerS;
  } catch (err) {
    console.log(`(media-only measurement failed: ${err instanceof Error ? err.message : err}; see ${tmp})`);
    return null;
  } finally {
    sink.stop();
  }
}

async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs: number, message: string, detail?: () => string, everyMs = 200): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`${message}${detail ? `:\n${detail()}` : ''}`);
    await sleep(everyMs);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await bench();
