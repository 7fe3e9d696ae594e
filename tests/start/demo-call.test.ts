// The README's promise, end to end: `npm start` (the real launcher, scripts/start.ts through
// tsx, on the embedded PostgreSQL) prints `demo: sip:<number>@<host>:<port>`, and calling that URI
// plays the seeded demo flow. A SIPp caller (signalling) with an in-test RTP receiver (its SDP
// points there) hears the welcome prompt, presses the menu key that leads to a message (RFC 4733),
// hears that message and the goodbye, and gets the flow's BYE. The printed admin address serves
// the sign-in page. SIGTERM stops the launcher cleanly: it exits 0, its three services are gone
// and their ports can be bound again. A second start on the same data dir reaches the demo line too.
//
// Everything listens on free loopback ports and a temp data dir (RELAIS_DATA_DIR), so a developer's
// running instance is never touched. The admin is not built here: the test uses the build in
// NEXT_DIST_DIR (default .next; `npm test` builds it first) and is skipped, with a message saying
// so, when that build is missing or older than its sources (a build takes minutes).
// Printed (not asserted): time from launch to the demo line on a first and on a second start.
import type dgram from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_FLOW_DOCUMENT } from '@/prisma/seed-data/demo-flow';
import { PromptLibrary } from '@/flow-runtime/media';
import { decodeG711 } from '@/flow-runtime/media/g711';
import type { MediaEndpoint } from '@/flow-runtime/media/media-endpoint';
import { telephoneEventTrain } from '@/flow-runtime/media/rfc4733';
import { runSipp, sippOk } from '../sip-edge/helpers';
import { ack, reply, scenario } from '../sip-edge/scenarios';
import { RtpPeer, bestCorrelation, isSilentPacket, sleep } from '../media/support/rtp-peer';
import { callerInvite, eventually } from '../calls/support';
import {
  BUILDING_LINE, DEMO_LINE, SERVICES, canBindTcp, canBindUdp, distDir, distinctFreePorts, adminBuildMissing, isGone, killLeftovers, launch, servicePids, stop,
  type Launcher, type Ports,
} from './support';

const buildMissing = adminBuildMissing();
if (buildMissing) console.warn(`tests/start/demo-call: skipped, ${buildMissing}`);

// ---- the demo flow, read from the seed's document (not hard-coded) ------------------------

type FlowNode = { id: string; type: string; config: { prompt?: { text?: Record<string, string> }; keys?: { key: string }[] } };
type FlowEdge = { source: string; sourceOutput: string; target: string };
const demo = DEMO_FLOW_DOCUMENT as unknown as { entry: string; language: 'fr' | 'en'; nodes: FlowNode[]; edges: FlowEdge[] };
const node = (id: string | undefined) => demo.nodes.find((n) => n.id === id);
const next = (id: string, output: string) => node(demo.edges.find((e) => e.source === id && e.sourceOutput === output)?.target);
const text = (n: FlowNode | undefined) => n?.config.prompt?.text?.[demo.language];
const welcome = node(demo.entry);
const menu = welcome && next(welcome.id, 'next');
// The menu key that leads to a spoken message, that message, and what follows it.
const menuKey = menu?.config.keys?.find((k) => next(menu.id, k.key)?.type === 'message')?.key;
const afterKey = menu && menuKey ? next(menu.id, menuKey) : undefined;
const goodbye = afterKey && next(afterKey.id, 'next');

// ---- shared state of the sequence ---------------------------------------------------------

const START_TIMEOUT_MS = 120_000;

let dataDir = '';
let ports: Ports;
const launchers: Launcher[] = [];
let first: Launcher | undefined;
let demoUri: { uri: string; number: string; host: string; port: number } | undefined;
let pidsBeforeStop: Record<keyof typeof SERVICES, number | undefined> | undefined;
const startTimes: { first?: number; second?: number } = {};
/** Why the remaining tests are skipped (no usable admin build), if they are. */
let skipRest: string | null = buildMissing;

async function startAndWaitForDemoLine(skip: (note: string) => never): Promise<{ launcher: Launcher; seconds: number; line: RegExpMatchArray; phases: string }> {
  const t0 = performance.now();
  const launcher = launch(dataDir, ports);
  launchers.push(launcher);
  const { index, match } = await launcher.waitForLine([DEMO_LINE, BUILDING_LINE], START_TIMEOUT_MS);
  if (index === 1) {
    // The sources changed between the freshness check and the launcher's own: do not wait for a build.
    await stop(launcher);
    skipRest = `the launcher started rebuilding the admin (${distDir} became stale meanwhile); not waiting minutes for it`;
    skip(skipRest);
  }
  return { launcher, seconds: (performance.now() - t0) / 1000, line: match, phases: phases(launcher, t0) };
}

/** When each step of the start was reached, in seconds since launch (for the printed figures). */
function phases(launcher: Launcher, t0: number): string {
  const steps: [string, RegExp][] = [
    ['database', /applying database migrations/],
    ['sip-edge', /SIP listening on/], ['admin', /admin: listening on/], ['flow-runtime', /connected to drachtio at /], ['demo line', DEMO_LINE],
  ];
  return steps
    .map(([name, pattern]) => {
      const hit = launcher.lines.find((l) => pattern.test(l.line));
      return hit ? `${name} ${((hit.at - t0) / 1000).toFixed(1)}` : null;
    })
    .filter(Boolean)
    .join(', ');
}

beforeAll(async () => {
  if (buildMissing) return;
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'relais-start-'));
  const [admin, sip, drachtio, database] = await distinctFreePorts(4);
  const rtpMin = 40_000 + 2 * Math.floor(Math.random() * 4000);
  ports = { admin, sip, drachtio, database, rtpMin, rtpMax: rtpMin + 198 };
});

beforeEach((ctx) => {
  if (skipRest) ctx.skip(skipRest);
});

afterAll(async () => {
  // Whatever a failed or skipped test left running (a launcher, a service, an interrupted
  // `next build` the launcher does not stop, the embedded database).
  for (const launcher of launchers) killLeftovers(launcher, dataDir);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start: the README’s demo call', () => {
  it('first start on a fresh data dir: embedded PostgreSQL, then the demo line and the admin address', async (ctx) => {
    const { launcher, seconds, line, phases } = await startAndWaitForDemoLine((note) => ctx.skip(note));
    first = launcher;
    startTimes.first = seconds;
    console.log(`npm start, first start (fresh data dir): ${seconds.toFixed(1)} s from launch to the demo line (s since launch: ${phases})`);
    demoUri = { uri: line[1], number: line[2], host: line[3], port: Number(line[4]) };
    expect(demoUri.port).toBe(ports.sip);
    const output = launcher.output();
    expect(output).toContain(`embedded PostgreSQL on 127.0.0.1:${ports.database}`);
    expect(output).toMatch(/First start: demo organisation created/);
    expect(output).toMatch(/^\s*admin:\s+http:\/\/\S+/m);
    // The three services run as the launcher's children.
    pidsBeforeStop = servicePids(launcher);
    for (const [name, pid] of Object.entries(pidsBeforeStop)) expect(pid, `${name} process`).toBeTypeOf('number');
  }, START_TIMEOUT_MS + 10_000);

  it('the printed admin address answers: / leads to the sign-in page (200)', async () => {
    expect(first).toBeDefined();
    const admin = first!.output().match(/^\s*admin:\s+(http:\/\/\S+)/m)![1];
    const res = await fetch(admin);
    expect(res.status).toBe(200);
    expect(new URL(res.url).pathname).toBe('/sign-in');
    expect(await res.text()).toMatch(/type="password"/);
  }, 30_000);

  it('calling the printed URI plays the demo flow: welcome, menu key → message, goodbye, then the flow hangs up', async () => {
    expect(demoUri).toBeDefined();
    expect(welcome?.type, 'the demo flow starts with a message').toBe('message');
    expect(menuKey, 'the demo flow’s menu has a key leading to a message').toBeDefined();
    const references = new PromptLibrary({ cacheDir: path.join(dataDir, 'test-reference-prompts') });
    const reference = async (n: FlowNode | undefined) => (await references.load({ kind: 'tts', text: text(n)!, voice: demo.language })).pcm;
    const [welcomePcm, infoPcm, goodbyePcm] = await Promise.all([reference(welcome), reference(afterKey), text(goodbye) ? reference(goodbye) : null]);

    const peer = await RtpPeer.create();
    // Where the runtime sends from is where it listens (symmetric RTP): the digit goes there.
    let runtimeRtp: { address: string; port: number } | undefined;
    (peer as unknown as { socket: dgram.Socket }).socket.on('message', (_buf, rinfo) => (runtimeRtp ??= { address: rinfo.address, port: rinfo.port }));
    // PCMU from the first sound on: Relais sends silence from the answer until the welcome starts.
    const pcmu = () => {
      const all = peer.received.filter((p) => p.payloadType === 0);
      const first = all.findIndex((p) => !isSilentPacket(p));
      return first < 0 ? [] : all.slice(first);
    };
    /** Decoded PCMU in arrival order from packet `from` on. */
    const heardSince = (from: number) => {
      const packets = pcmu().slice(from);
      const out = new Int16Array(packets.reduce((n, p) => n + p.payload.length, 0));
      let o = 0;
      for (const p of packets) o += decodeG711('PCMU', p.payload, out.subarray(o, o + p.payload.length)).length;
      return out;
    };
    try {
      const sdp = peer.offer({ payloads: '0 101', codecs: ['a=rtpmap:0 PCMU/8000'] }).replace(/\r\n/g, '\n');
      const call = runSipp(scenario(
        callerInvite(demoUri!.number, sdp),
        '<recv response="100"/>',
        '<recv response="180" optional="true"/>',
        '<recv response="183" optional="true"/>',
        '<recv response="200" rrs="true"/>',
        ack,
        '<recv request="BYE" timeout="60000"/>',
        reply('200 OK'),
      ), `${demoUri!.host}:${demoUri!.port}`, ['-m', '1'], { timeoutS: 60 });
      const endedEarly = call.done.then((r) => {
        throw new Error(`the call ended before the menu: ${sippOk(r)}`);
      });
      // The welcome prompt, then one second into the menu prompt: press the key.
      const intoMenu = Math.ceil((welcomePcm.length + 8000) / 160);
      await Promise.race([eventually(() => pcmu().length >= intoMenu, 'the welcome prompt and the start of the menu', 30_000), endedEarly]);
      const pressedAt = pcmu().length;
      const payloads = telephoneEventTrain(menuKey!, 160);
      const to = { local: runtimeRtp! } as unknown as MediaEndpoint;
      for (const [i, payload] of payloads.entries()) {
        peer.sendRtp(to, 101, payload, 48_000, i === 0);
        await sleep(20); // RFC 4733 packets are 20 ms apart
      }
      const r = await call.done;
      expect(sippOk(r)).toBe('ok');
      expect(r.messages).toMatch(/SIP\/2\.0 100 Trying/);
      expect(r.messages).toMatch(/SIP\/2\.0 200 OK/);
      expect(r.messages).toMatch(/BYE sip:/);

      // What the caller heard: the welcome prompt (not silence) …
      const start = heardSince(0).subarray(0, pressedAt * 160);
      const rms = Math.sqrt(start.reduce((s, x) => s + x * x, 0) / start.length);
      expect(rms).toBeGreaterThan(300);
      expect(bestCorrelation(welcomePcm, start, 4000).r).toBeGreaterThan(0.9);
      // … after the key, the message it leads to, then the goodbye.
      const afterPress = heardSince(pressedAt);
      const info = bestCorrelation(infoPcm, afterPress, 12_000);
      expect(info.r).toBeGreaterThan(0.9);
      if (goodbyePcm) expect(bestCorrelation(goodbyePcm, afterPress.subarray(info.lag + infoPcm.length), 8000).r).toBeGreaterThan(0.9);
    } finally {
      await peer.close();
    }
  }, 90_000);

  it('SIGTERM stops the launcher cleanly: exit 0, its three services gone, their ports free again', async () => {
    expect(first).toBeDefined();
    const exit = await Promise.race([stop(first!), sleep(60_000).then(() => null)]);
    expect(exit, `the launcher did not exit within 60 s of SIGTERM; output:\n${first!.output().slice(-3000)}`).not.toBeNull();
    expect(exit).toEqual({ code: 0, signal: null });
    for (const [name, pid] of Object.entries(pidsBeforeStop!)) expect(isGone(pid!), `${name} (pid ${pid}) still running`).toBe(true);
    expect(await canBindUdp(ports.sip)).toBe(true);
    expect(await canBindTcp(ports.sip)).toBe(true);
    expect(await canBindTcp(ports.drachtio)).toBe(true);
    expect(await canBindTcp(ports.admin)).toBe(true);
    expect(await canBindTcp(ports.database), 'the embedded database stopped with the launcher').toBe(true);
  }, 70_000);

  it('a second start on the same data dir and ports reaches the demo line again, and stops cleanly', async (ctx) => {
    expect(startTimes.first).toBeDefined();
    const { launcher, seconds, phases } = await startAndWaitForDemoLine((note) => ctx.skip(note));
    startTimes.second = seconds;
    console.log(`npm start, second start (existing data dir): ${seconds.toFixed(1)} s from launch to the demo line ` +
      `(s since launch: ${phases}; first start: ${startTimes.first!.toFixed(1)} s)`);
    expect(launcher.output()).not.toMatch(/First start: demo organisation created/);
    const pids = servicePids(launcher);
    const exit = await Promise.race([stop(launcher), sleep(60_000).then(() => null)]);
    expect(exit).toEqual({ code: 0, signal: null });
    for (const [name, pid] of Object.entries(pids)) expect(pid !== undefined && isGone(pid), `${name} gone`).toBe(true);
  }, START_TIMEOUT_MS + 70_000);
});
