/* eslint-disable @typescript-eslint/no-explicit-any -- drachtio-srf request/response objects are untyped */
// sip-edge benchmark (loopback only, bounded in calls and time):
//  1. calls per second through the edge: SIPp UAC → edge → drachtio-srf app that answers,
//     SIPp hangs up after 1 s; side by side with SIPp's own UAS answering SIPp directly;
//  2. memory per 1,000 concurrent dialogs held by the edge (edge and srf app share this process);
//  3. hostile peers, against the edge alone in a child process (bench/sip-edge-child.ts) so its
//     memory is its own: RSS and heap before, during and after 100 slow TCP connections (half
//     trickle a head at 1 octet/s, half announce 1,000,000 octets of body and send 500,000), and
//     before, during and after a 2,000-INVITE flood; the delay of an OPTIONS sent right after a
//     request with a 60,000-character header.
// Run: npm run bench -- sip-edge   (or npx tsx bench/run.ts sip-edge)
import { fork, spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
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

  await hostilePeers();
}

// ───────────────────────── hostile peers against the edge process ─────────────────────────

interface ChildMem { mem: NodeJS.MemoryUsage; stats: { dialogs: number; serverTransactions: number; clientTransactions: number; tcp?: { connections: number; deadlineClosed: number; refused: number; bufferedBytes: number } } }

const HEAD_DEADLINE_MS = 5000;

function mib(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

function memLine(label: string, m: ChildMem): string {
  const tcp = m.stats.tcp;
  return `${label.padEnd(34)}: rss ${mib(m.mem.rss).padStart(10)}, heap ${mib(m.mem.heapUsed).padStart(9)}, external+buffers ${mib(m.mem.external + m.mem.arrayBuffers).padStart(9)}`
    + (tcp ? `, tcp connections ${tcp.connections}, read buffers ${mib(tcp.bufferedBytes)}` : '')
    + `, dialogs ${m.stats.dialogs}, transactions ${m.stats.serverTransactions + m.stats.clientTransactions}`;
}

async function startEdgeProcess(): Promise<{ child: ChildProcess; sipPort: number; drachtioPort: number; mem: (gc?: boolean) => Promise<ChildMem> }> {
  const child = fork(path.join(import.meta.dirname, 'sip-edge-child.ts'), [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: {
      ...process.env, SIP_EDGE_TCP_HEAD_TIMEOUT_MS: String(HEAD_DEADLINE_MS), SIP_EDGE_TCP_BODY_TIMEOUT_MS: String(HEAD_DEADLINE_MS),
      SIP_EDGE_TCP_MAX_CONNECTIONS_PER_ADDRESS: '200',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<{ sipPort: number; drachtioPort: number }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { sipPort: number; drachtioPort: number }));
    child.once('exit', (code) => reject(new Error(`edge process exited ${code}`)));
  });
  const mem = (gc = true) => new Promise<ChildMem>((resolve) => {
    child.once('message', (m) => resolve(m as ChildMem));
    child.send(gc ? 'mem' : 'mem-nogc');
  });
  return { child, ...ready, mem };
}

function udpRoundTrip(sock: dgram.Socket, edgePort: number, callId: string): Promise<number> {
  const port = sock.address().port;
  const msg = [`OPTIONS sip:ivr@127.0.0.1:${edgePort} SIP/2.0`, `Via: SIP/2.0/UDP 127.0.0.1:${port};rport;branch=z9hG4bK${callId}`,
    `From: <sip:b@127.0.0.1:${port}>;tag=b`, `To: <sip:ivr@127.0.0.1:${edgePort}>`, `Call-ID: ${callId}`, 'CSeq: 1 OPTIONS',
    'Max-Forwards: 70', 'Content-Length: 0', '', ''].join('\r\n');
  const start = performance.now();
  return new Promise((resolve) => {
    const onMsg = (buf: Buffer) => {
      if (!buf.toString('latin1').includes(callId)) return;
      sock.off('message', onMsg);
      resolve(performance.now() - start);
    };
    sock.on('message', onMsg);
    sock.send(msg, edgePort, '127.0.0.1');
  });
}

async function hostilePeers(): Promise<void> {
  const edge = await startEdgeProcess();
  const srf = new Srf();
  srf.invite((req: any, res: any) => { srf.createUAS(req, res, { localSdp: SDP }).catch(() => undefined); });
  await new Promise<void>((resolve, reject) => {
    srf.connect({ host: '127.0.0.1', port: edge.drachtioPort, secret: 'cymru' });
    srf.on('connect', (err: Error | null) => (err ? reject(err) : resolve()));
  });
  await new Promise((r) => setTimeout(r, 200));
  const udp = dgram.createSocket('udp4');
  await new Promise<void>((r) => udp.bind(0, '127.0.0.1', () => r()));

  // OPTIONS delay right after a request with a 60,000-character header (answered 513)
  const base: number[] = [];
  const after: number[] = [];
  for (let i = 0; i < 20; i++) base.push(await udpRoundTrip(udp, edge.sipPort, `base${i}`));
  for (let i = 0; i < 20; i++) {
    const sock = net.connect(edge.sipPort, '127.0.0.1');
    sock.on('error', () => undefined);
    await new Promise((r) => sock.once('connect', r));
    const big = [`REGISTER sip:127.0.0.1 SIP/2.0`, `Via: SIP/2.0/TCP 127.0.0.1:${sock.localPort};branch=z9hG4bKbig${i}`,
      'From: <sip:a@127.0.0.1>;tag=a', 'To: <sip:a@127.0.0.1>', `Call-ID: big${i}`, 'CSeq: 1 REGISTER',
      `Authorization: Digest username="${'\\"'.repeat(30_000)}"`, 'Content-Length: 0', '', ''].join('\r\n');
    sock.write(big);
    after.push(await udpRoundTrip(udp, edge.sipPort, `after${i}`));
    sock.destroy();
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  console.log(`\nOPTIONS round trip, quiet edge         : median ${med(base).toFixed(2)} ms, max ${Math.max(...base).toFixed(2)} ms (20 samples)`);
  console.log(`OPTIONS right after a 60,000-char header: median ${med(after).toFixed(2)} ms, max ${Math.max(...after).toFixed(2)} ms (20 samples; the big request is answered 513)`);

  // 100 slow TCP connections, twice: the second wave shows whether memory is reused or lost
  console.log(`\nedge process memory (head/body deadlines ${HEAD_DEADLINE_MS / 1000} s; full GC before each figure)`);
  console.log(memLine('before slow connections', await edge.mem()));
  const slow: net.Socket[] = [];
  for (const wave of [1, 2]) {
    const started = Date.now();
    const head = [`MESSAGE sip:ivr@127.0.0.1:${edge.sipPort} SIP/2.0`, 'Via: SIP/2.0/TCP 127.0.0.1:1;branch=z9hG4bKslow',
      'From: <sip:a@127.0.0.1>;tag=a', 'To: <sip:ivr@127.0.0.1>', 'Call-ID: slow', 'CSeq: 1 MESSAGE'].join('\r\n');
    const closed: number[] = [];
    const sockets: net.Socket[] = [];
    for (let i = 0; i < 100; i++) {
      const sock = net.connect(edge.sipPort, '127.0.0.1');
      sock.on('error', () => undefined);
      sock.on('close', () => closed.push(Date.now() - started));
      await new Promise((r) => sock.once('connect', r));
      if (i % 2 === 1) sock.write(`${head}\r\nContent-Length: 1000000\r\n\r\n${'x'.repeat(500_000)}`);
      sockets.push(sock);
    }
    slow.push(...sockets);
    let offset = 0;
    const trickle = setInterval(() => {
      for (const [i, sock] of sockets.entries()) if (i % 2 === 0 && !sock.destroyed) sock.write(head[offset % head.length]);
      offset++;
    }, 1000);
    await new Promise((r) => setTimeout(r, 2000));
    console.log(memLine(`wave ${wave}: during (100 open, 2 s in)`, await edge.mem()));
    const deadline = Date.now() + 30_000;
    while (closed.length < 100 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    clearInterval(trickle);
    // Buffer memory is handed back shortly after the GC that finds it unreachable
    await new Promise((r) => setTimeout(r, 3000));
    const afterSlow = await edge.mem();
    console.log(memLine(`wave ${wave}: after (closed, +3 s)`, afterSlow));
    console.log(`wave ${wave}: slow connections closed     : ${closed.length}/100 by the edge, the last ${(Math.max(...closed) / 1000).toFixed(1)} s after the first opened; edge counted ${afterSlow.stats.tcp?.deadlineClosed} deadline closes so far`);
  }

  // 2,000-INVITE flood (SIPp built-in uac over UDP, 1,000/s, each call held 1 s)
  const flood = sipp(['-sn', 'uac', '-d', '1000', '-m', '2000', '-r', '1000', '-l', '3000', '-p', String(await freePort()),
    `127.0.0.1:${edge.sipPort}`], 60);
  let peak: ChildMem | undefined;
  let done = false;
  const floodDone = flood.done.then((s) => { done = true; return s; });
  while (!done) {
    const m = await edge.mem(false);
    if (!peak || m.mem.rss > peak.mem.rss) peak = m;
    await new Promise((r) => setTimeout(r, 200));
  }
  const floodStats = await floodDone;
  console.log(memLine('during 2,000-INVITE flood (peak RSS)', peak!));
  // calls whose ACK or BYE datagram was lost in the flood end by the ACK timeout (64*T1 = 32 s),
  // and the edge's own BYEs then time out (another 32 s): wait for all of it
  const floodEnded = Date.now();
  const settle = Date.now() + 80_000;
  let afterFlood = await edge.mem();
  while ((afterFlood.stats.dialogs > 0 || afterFlood.stats.serverTransactions + afterFlood.stats.clientTransactions > 0) && Date.now() < settle) {
    await new Promise((r) => setTimeout(r, 250));
    afterFlood = await edge.mem();
  }
  console.log(memLine(`after the flood (+${((Date.now() - floodEnded) / 1000).toFixed(0)} s, calls ended)`, afterFlood));
  console.log(`flood (SIPp uac, 1,000/s, held 1 s)  : ${floodStats.successful} calls ok, ${floodStats.failed} failed, ${floodStats.seconds.toFixed(1)} s`);

  for (const s of slow) s.destroy();
  udp.close();
  srf.disconnect();
  edge.child.send('stop');
  await new Promise((r) => edge.child.once('exit', r));
}

if (import.meta.url === `file://${process.argv[1]}`) await bench();
