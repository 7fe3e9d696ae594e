/* eslint-disable @typescript-eslint/no-explicit-any -- drachtio-srf request/response objects are untyped */
// sip-edge benchmark (loopback only, bounded in calls and time):
//  1. calls per second through the edge: SIPp UAC → edge → drachtio-srf app that answers,
//     SIPp hangs up after 1 s; side by side with SIPp's own UAS answering SIPp directly;
//  2. memory per 1,000 concurrent dialogs held by the edge (edge and srf app share this process).
// Run: npx tsx bench/run.ts sip-edge
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Srf from 'drachtio-srf';
import { startSipEdge } from '../sip-edge/index';

const CALLS = Number(process.env.SIP_EDGE_BENCH_CALLS ?? 1000);
const RATE = Number(process.env.SIP_EDGE_BENCH_RATE ?? 400);
const CONCURRENT = 1000;
const SDP = 'v=0\r\no=app 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=sendrecv\r\n';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = dgram.createSocket('udp4');
    s.bind(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
}

interface SippStats { successful: number; failed: number; seconds: number }

/** Runs SIPp and reads its final statistics (CSV written with -trace_stat). */
function sipp(args: string[], timeoutS: number): { done: Promise<SippStats>; kill: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sipp-bench-'));
  const stat = path.join(dir, 'stat.csv');
  const started = Date.now();
  const child = spawn('sipp', [...args, '-i', '127.0.0.1', '-trace_stat', '-stf', stat, '-fd', '1',
    '-timeout', `${timeoutS}s`, '-nostdin'], { stdio: 'ignore' });
  const done = new Promise<SippStats>((resolve) => child.on('close', () => {
    const seconds = (Date.now() - started) / 1000;
    try {
      const lines = readFileSync(stat, 'utf8').trim().split('\n');
      const head = lines[0].split(';');
      const last = lines[lines.length - 1].split(';');
      const col = (name: string) => Number(last[head.indexOf(name)]);
      resolve({ successful: col('SuccessfulCall(C)'), failed: col('FailedCall(C)'), seconds });
    } catch {
      resolve({ successful: 0, failed: CALLS, seconds });
    }
  }));
  return { done, kill: () => child.kill('SIGKILL') };
}

async function throughput(target: string, localPort: number): Promise<SippStats> {
  // -d 1000: SIPp's built-in UAC holds each call 1 s before its BYE
  return sipp(['-sn', 'uac', '-d', '1000', '-m', String(CALLS), '-r', String(RATE), '-l', String(RATE * 3),
    '-p', String(localPort), target], 120).done;
}

export default async function bench(): Promise<void> {
  const edge = await startSipEdge({ sipPort: 0, drachtioPort: 0, logger: 'silent' });
  const srf = new Srf();
  srf.invite((req: any, res: any) => { srf.createUAS(req, res, { localSdp: SDP }).catch(() => undefined); });
  await new Promise<void>((resolve, reject) => {
    srf.connect({ host: '127.0.0.1', port: edge.drachtioPort, secret: 'cymru' });
    srf.on('connect', (err: Error | null) => (err ? reject(err) : resolve()));
  });
  await new Promise((r) => setTimeout(r, 100));

  // baseline: SIPp UAS answering SIPp UAC directly
  const uasPort = await freePort();
  const uas = sipp(['-sn', 'uas', '-p', String(uasPort)], 180);
  await new Promise((r) => setTimeout(r, 500));
  const direct = await throughput(`127.0.0.1:${uasPort}`, await freePort());
  uas.kill();

  const viaEdge = await throughput(`127.0.0.1:${edge.sipPort}`, await freePort());

  const cps = (s: SippStats) => s.successful / Math.max(0.001, s.seconds - 1);
  const failRate = (s: SippStats) => (100 * s.failed) / Math.max(1, s.successful + s.failed);
  console.log(`calls offered: ${CALLS} at ${RATE}/s, each held 1 s (SIPp built-in uac scenario, UDP, loopback)`);
  console.log(`through the edge + srf app : ${cps(viaEdge).toFixed(1)} calls/s, ${viaEdge.successful} ok, ${viaEdge.failed} failed (${failRate(viaEdge).toFixed(2)} %), ${viaEdge.seconds.toFixed(1)} s`);
  console.log(`SIPp UAS directly          : ${cps(direct).toFixed(1)} calls/s, ${direct.successful} ok, ${direct.failed} failed (${failRate(direct).toFixed(2)} %), ${direct.seconds.toFixed(1)} s`);
  console.log(`ratio edge / direct        : ${(cps(viaEdge) / Math.max(0.001, cps(direct))).toFixed(2)}`);

  // memory: hold CONCURRENT calls open (60 s hold, far longer than the ramp), then measure
  await new Promise((r) => setTimeout(r, 200));
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  const hold = sipp(['-sn', 'uac', '-d', '60000', '-m', String(CONCURRENT), '-r', '500', '-l', String(CONCURRENT + 10),
    '-p', String(await freePort()), `127.0.0.1:${edge.sipPort}`], 90);
  const deadline = Date.now() + 30_000;
  while (edge.edge.stats().dialogs < CONCURRENT && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 1000));
  (globalThis as { gc?: () => void }).gc?.();
  const after = process.memoryUsage();
  const dialogs = edge.edge.stats().dialogs;
  hold.kill();
  const perK = (n: number) => ((n / Math.max(1, dialogs)) * 1000 / 1024 / 1024).toFixed(2);
  console.log(`concurrent dialogs held    : ${dialogs}`);
  console.log(`memory per 1,000 dialogs   : heap ${perK(after.heapUsed - before.heapUsed)} MiB, rss ${perK(after.rss - before.rss)} MiB (edge and srf app in one process${(globalThis as { gc?: unknown }).gc ? '' : ', no --expose-gc: includes garbage'})`);

  srf.disconnect();
  await edge.stop();
}

if (import.meta.url === `file://${process.argv[1]}`) await bench();
