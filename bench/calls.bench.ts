/* eslint-disable @typescript-eslint/no-explicit-any -- drachtio-srf apps are untyped */
// Live calls benchmark (loopback only, bounded): how many calls the runtime holds through a
// menu flow while its prompt plays, on this machine, with RTP on the main thread and on a
// worker thread (flow-runtime/media/worker).
// Run: npx tsx bench/run.ts calls                     (both media threads, one after the other)
//      MEDIA_THREAD=worker npx tsx bench/run.ts calls  (one of them: worker | main)
//
// Setup: a fresh PostgreSQL database (relais_bench_<random>, migrations applied, dropped at the
// end), the embedded sip-edge, one drachtio-srf app running the runtime's call handling
// (flow-runtime/calls) with its own RTP media server, and a published flow on a number whose
// entry is a menu with a long TTS prompt (~20 s), so the prompt is still playing while a call
// is held.
//
// Ramp: SIPp callers (a small scenario: INVITE with their own SDP, ACK, send RTP from SIPp's
// G.711 capture, hold 5 s, BYE) at 5, 10, 20, 40, 80, 120 new calls/s, each step offering
// calls for 6 s. Per step: the peak of calls held at once (live calls in the runtime), the
// calls/s completed, the failed-call rate (SIPp's failed calls plus calls never completed), the
// p99 deviation of our RTP send times from the 20 ms grid (media server pacingStats, reset at
// the start of the step; with the worker, the worker's own figures), the media clock's wake-up
// lateness p99, this process's CPU (all threads, in % of one core) and the main thread's event
// loop utilisation (ELU: signalling, flows, database, and the media too in `main` mode). The
// ramp stops when failures pass 1 %, when fewer than 90 % of the offered calls/s complete
// (saturated: SIPp and the runtime share the 2 cores, call set-up falls behind), when the main
// event loop is busy more than 95 % of the time, or when the mode's 2-minute budget would be
// passed. Per mode, the largest call rate (and the calls held) with failures ≤ 1 % and not
// saturated is reported, and the largest whose RTP send p99 stayed within 10 ms; then the two
// modes side by side.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance as perfHooks } from 'node:perf_hooks';
import path from 'node:path';
import pg from 'pg';
import Srf from 'drachtio-srf';
import { createPrismaClient } from '../prisma/client';
import { CallRecorder } from '../flow-runtime/records/call-recorder';
import { createMediaServer, MEDIA_THREADS, mediaThreadFromEnv, type MediaThread } from '../flow-runtime/media/index';
import { startCallHandling } from '../flow-runtime/calls/index';
import { startSipEdge, type RunningSipEdge } from '../sip-edge/index';

const RATES = (process.env.CALLS_BENCH_RATES ?? '5,10,20,40,80,120').split(',').map(Number);
const OFFER_S = 6;
const HOLD_MS = 5000;
const FAIL_LIMIT = 0.01;
const ELU_LIMIT = 0.95;
/** A step whose completed calls/s fall below this share of the offered rate saturated the machine. */
const SATURATED = 0.9;
const BUDGET_MS = 120_000;
const NUMBER = '+33199000100';
const PROMPT = 'Bonjour et bienvenue chez Relais, votre service client. Nos conseillers sont disponibles du lundi au vendredi, ' +
  'de huit heures à dix-neuf heures, et le samedi matin. Pour le service commercial, tapez 1. Pour le support technique, ' +
  'tapez 2. Pour la facturation, tapez 3. Pour réécouter ce message, tapez étoile. Merci de votre patience.';

const root = path.resolve(import.meta.dirname, '..');
const adminUrl = process.env.TEST_PG_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const CALLER = `<?xml version="1.0" encoding="ISO-8859-1" ?>
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
m=audio [auto_media_port] RTP/AVP 8 0 101
a=rtpmap:8 PCMA/8000
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-16
a=sendrecv

]]></send>
<recv response="100" optional="true"/>
<recv response="180" optional="true"/>
<recv response="183" optional="true"/>
<recv response="200" rrs="true" timeout="10000"/>
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
<nop><action><exec play_pcap_audio="/usr/share/sip-tester/g711a.pcap"/></action></nop>
<pause milliseconds="${HOLD_MS}"/>
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

interface SippStats { successful: number; failed: number; /** SIPp did not run (no statistics file): its exit code and stderr. */ startError?: string }

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = dgram.createSocket('udp4');
    s.bind(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
}

/** One SIPp caller run; final counts from its -trace_stat CSV. */
function sipp(dir: string, target: string, port: number, rate: number, calls: number, timeoutS: number): { done: Promise<SippStats>; child: ChildProcess } {
  const stat = path.join(dir, `stat-${rate}.csv`);
  const child = spawn('sipp', ['-sf', path.join(dir, 'caller.xml'), '-i', '127.0.0.1', '-p', String(port), '-mp', String(40000 + 2 * Math.floor(Math.random() * 5000)),
    '-r', String(rate), '-m', String(calls), '-l', String(rate * 12), '-trace_stat', '-stf', stat, '-fd', '1',
    '-timeout', `${timeoutS}s`, '-timeout_error', '-nostdin', target], { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => { stderr = (stderr + d).slice(-400); });
  const done = new Promise<SippStats>((resolve) => child.on('close', (code) => {
    try {
      const lines = readFileSync(stat, 'utf8').trim().split('\n');
      const head = lines[0].split(';');
      const last = lines[lines.length - 1].split(';');
      const col = (name: string) => Number(last[head.indexOf(name)]);
      resolve({ successful: col('SuccessfulCall(C)'), failed: col('FailedCall(C)') });
    } catch {
      resolve({ successful: 0, failed: calls, startError: `sipp exit ${code}: ${stderr.trim().replace(/\s+/g, ' ') || 'no output'}` });
    }
  }));
  return { done, child };
}

interface Step { rate: number; offered: number; ok: number; failRate: number; peak: number; cps: number; p50: number; p99: number; wake: number; dropped: number; cpu: number; elu: number }
interface ModeResult { thread: MediaThread; best: Step | null; tight: Step | null; steps: Step[] }

export default async function bench(): Promise<void> {
  const threads = process.env.MEDIA_THREAD ? [mediaThreadFromEnv(process.env)] : [...MEDIA_THREADS];
  const results: ModeResult[] = [];
  for (const thread of threads) {
    console.log(`\n--- media on the ${thread} thread (MEDIA_THREAD=${thread}) ---`);
    results.push(await benchMode(thread));
  }
  if (results.length > 1) {
    console.log('\nmedia thread | largest load held: new calls/s, calls held, done/s, failed, RTP p99 | largest load with RTP p99 ≤ 10 ms');
    for (const r of results) {
      const b = r.best;
      const t = r.tight;
      console.log(`${r.thread.padEnd(12)} | ${b ? `${b.rate}/s, ${b.peak} held, ${b.cps.toFixed(1)}/s, ${(b.failRate * 100).toFixed(2)} %, ${b.p99.toFixed(2)} ms` : 'none'} | ` +
        `${t ? `${t.rate}/s, ${t.peak} held (p99 ${t.p99.toFixed(2)} ms)` : 'none'}`);
    }
  }
}

async function benchMode(thread: MediaThread): Promise<ModeResult> {
  const started = Date.now();
  const result: ModeResult = { thread, best: null, tight: null, steps: [] };
  const dbName = `relais_bench_${randomBytes(5).toString('hex')}`;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'relais-calls-bench-'));
  writeFileSync(path.join(tmp, 'caller.xml'), CALLER);
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  const running = new Set<ChildProcess>();
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

    const portMin = 30000 + 2 * Math.floor(Math.random() * 1000);
    const media = createMediaServer({ thread, host: '127.0.0.1', portMin, portMax: portMin + 7998,
      cacheDir: path.join(os.tmpdir(), 'relais-calls-media-cache'), recordingsDir: path.join(tmp, 'recordings') });
    cleanups.unshift(() => media.close());
    const recorder = new CallRecorder(prisma, { dir: path.join(tmp, 'outbox') });
    recorder.start();
    cleanups.unshift(() => recorder.close(5000));
    const edge: RunningSipEdge = await startSipEdge({ sipPort: 0, drachtioPort: 0, logger: 'silent' });
    cleanups.unshift(() => edge.stop());
    const srf: any = new Srf();
    const calls = startCallHandling(srf, { prisma, recorder, media, dataDir: tmp });
    await new Promise<void>((resolve, reject) => {
      srf.connect({ host: '127.0.0.1', port: edge.drachtioPort, secret: 'cymru' });
      srf.on('connect', (err: Error | null) => (err ? reject(err) : resolve()));
      srf.on('error', () => undefined);
    });
    cleanups.unshift(() => srf.disconnect());
    await new Promise((r) => setTimeout(r, 200));

    // the organisation, its number and a published menu flow
    const slug = `bench-${randomBytes(4).toString('hex')}`;
    const org = await prisma.organization.create({ data: { name: slug, slug, timezone: 'Europe/Paris', defaultLanguage: 'fr' } });
    const flow = await prisma.flow.create({ data: { organizationId: org.id, name: 'bench menu' } });
    const prompt = { kind: 'tts', text: { fr: PROMPT, en: PROMPT } };
    const nodes = [
      { id: 'menu', type: 'menu', config: { prompt, keys: [{ key: '1' }, { key: '2' }, { key: '3' }], timeoutSeconds: 10, retries: 0 } },
      { id: 'bye', type: 'hangup', config: {} },
    ];
    const edges = [['menu', '1', 'bye'], ['menu', '2', 'bye'], ['menu', '3', 'bye'], ['menu', 'timeout', 'bye'], ['menu', 'invalid', 'bye']];
    const document = {
      schemaVersion: 1, name: 'bench menu', language: 'fr', entry: 'menu',
      nodes: nodes.map((n, i) => ({ ...n, position: { x: i * 200, y: 0 }, label: n.id })),
      edges: edges.map(([source, sourceOutput, target], i) => ({ id: `e${i}`, source, sourceOutput, target })),
    };
    await prisma.flowVersion.create({ data: { organizationId: org.id, flowId: flow.id, status: 'published', number: 1, document, publishedAt: new Date() } });
    await prisma.phoneNumber.create({ data: { organizationId: org.id, e164: NUMBER, flowId: flow.id } });
    // synthesise the prompt once (disk cache) so the first calls do not wait for espeak-ng
    const promptMs = (await media.prompts.load({ kind: 'tts', text: PROMPT, voice: 'fr' })).pcm.length / 8;

    console.log(`menu flow, TTS prompt of ${(promptMs / 1000).toFixed(1)} s; SIPp callers send RTP (G.711 capture), hold ${HOLD_MS / 1000} s, BYE; ` +
      `each step offers calls for ${OFFER_S} s; ${os.cpus().length} cores; loopback`);
    console.log('rate/s  offered  ok     failed   held(peak)  done/s  RTP p50  RTP p99  wake p99  dropped  CPU   main ELU');
    const target = `127.0.0.1:${edge.sipPort}`;
    const steps = result.steps;
    for (const rate of RATES) {
      const stepBudget = OFFER_S * 1000 + HOLD_MS + 12_000;
      if (Date.now() - started + stepBudget > BUDGET_MS) {
        console.log(`(stopping: the next step would pass the ${BUDGET_MS / 1000} s budget)`);
        break;
      }
      const offered = rate * OFFER_S;
      let attempt = 0;
      let r: SippStats;
      let t0: number;
      let cpu0: NodeJS.CpuUsage;
      let elu0: ReturnType<typeof perfHooks.eventLoopUtilization>;
      let dropped0: number;
      let peak = 0;
      for (;;) {
        await media.resetPacingStats();
        dropped0 = media.clockStats().droppedTicks;
        cpu0 = process.cpuUsage();
        elu0 = perfHooks.eventLoopUtilization();
        t0 = Date.now();
        peak = 0;
        const sampler = setInterval(() => { peak = Math.max(peak, calls.active.size); }, 50);
        const run = sipp(tmp, target, await freePort(), rate, offered, OFFER_S + HOLD_MS / 1000 + 10);
        running.add(run.child);
        r = await run.done;
        running.delete(run.child);
        clearInterval(sampler);
        // A SIPp that could not start (e.g. its random media port was taken) says nothing about the runtime: retry once.
        if (!r.startError || attempt++ > 0) break;
        console.log(`(SIPp did not run: ${r.startError}; retrying the step once)`);
      }
      if (r.startError) console.log(`(SIPp did not run: ${r.startError})`);
      const seconds = (Date.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const elu = perfHooks.eventLoopUtilization(elu0).utilization;
      await media.refreshStats?.();
      const pacing = media.pacingStats();
      const clock = media.clockStats();
      const step: Step = {
        rate, offered, ok: r.successful, failRate: (offered - r.successful) / offered, peak,
        cps: r.successful / Math.max(0.001, seconds - HOLD_MS / 1000), p50: pacing.p50Ms, p99: pacing.p99Ms, wake: clock.wake.p99Ms,
        dropped: clock.droppedTicks - dropped0, cpu: (cpu.user + cpu.system) / 1000 / (seconds * 1000), elu,
      };
      steps.push(step);
      console.log(`${String(rate).padStart(6)}  ${String(offered).padStart(7)}  ${String(step.ok).padStart(5)}  ` +
        `${(step.failRate * 100).toFixed(2).padStart(6)} %  ${String(peak).padStart(10)}  ${step.cps.toFixed(1).padStart(6)}  ` +
        `${step.p50.toFixed(2).padStart(4)} ms  ${step.p99.toFixed(2).padStart(5)} ms  ${step.wake.toFixed(2).padStart(5)} ms  ${String(step.dropped).padStart(7)}  ` +
        `${(step.cpu * 100).toFixed(0).padStart(3)} %  ${(step.elu * 100).toFixed(0).padStart(6)} %`);
      // let calls of this step end before the next one (the flow hangs up on its own after its timeout otherwise)
      await calls.drain(5000);
      if (step.failRate > FAIL_LIMIT) {
        console.log(`(stopping: failed-call rate ${(step.failRate * 100).toFixed(2)} % > ${FAIL_LIMIT * 100} %)`);
        break;
      }
      if (step.cps < SATURATED * rate) {
        console.log(`(stopping: saturated, ${step.cps.toFixed(1)} calls/s completed for ${rate} offered)`);
        break;
      }
      if (step.elu > ELU_LIMIT) {
        console.log(`(stopping: the main event loop was busy ${(step.elu * 100).toFixed(0)} % of the time)`);
        break;
      }
    }
    const held = steps.filter((s) => s.failRate <= FAIL_LIMIT && s.cps >= SATURATED * s.rate);
    const best = held[held.length - 1];
    result.best = best ?? null;
    if (best) {
      console.log(`largest load held (failures ≤ ${FAIL_LIMIT * 100} %, ≥ ${SATURATED * 100} % of the offered rate completed): ${best.rate} new calls/s, ${best.peak} calls held at once ` +
        `with the prompt playing, ${best.cps.toFixed(1)} calls/s completed, ${(best.failRate * 100).toFixed(2)} % failed, RTP send p99 ${best.p99.toFixed(2)} ms from the 20 ms grid`);
      const tight = steps.filter((s) => s.failRate <= FAIL_LIMIT && s.p99 <= 10);
      const t = tight[tight.length - 1];
      result.tight = t ?? null;
      if (t) console.log(`largest load with RTP send p99 ≤ 10 ms: ${t.rate} new calls/s, ${t.peak} calls held at once (p99 ${t.p99.toFixed(2)} ms)`);
    } else {
      console.log('no step held with failures ≤ 1 %');
    }
  } finally {
    for (const child of running) child.kill('SIGKILL');
    for (const c of cleanups) {
      try {
        await c();
      } catch {
        // best effort
      }
    }
    rmSync(tmp, { recursive: true, force: true });
  }
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) await bench();
