// The CPU cost of a held call's media hot path, measured in-process by CPU time (not wall clock:
// the machine is shared, and a starved process still counts its own CPU time correctly):
//   - receive: the endpoint's handler for one inbound 20 ms µ-law packet (the socket's 'message'
//     event emitted directly, so Node's own datagram receipt is not included), for a caller in a
//     menu whose far end offered telephone-event, and one whose far end did not (in-band DTMF
//     detection runs on a caller's voice, a gliding tone);
//   - tick: one paced 20 ms tick of an endpoint playing a prompt (frame, header, send system call
//     to a loopback socket nobody reads).
// Run: npx tsx bench/media-hot-path.ts   (MEDIA_HOT_PATH_PACKETS=200000 by default)
// Not named *.bench.ts: `npm run bench` does not run it.
import dgram from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeG711 } from '../flow-runtime/media/g711';
import type { MediaEndpoint } from '../flow-runtime/media/index';
import { RtpMediaServer } from '../flow-runtime/media/rtp-media-server';
import { offerTo, prompt } from './media.bench';

const PACKETS = Number(process.env.MEDIA_HOT_PATH_PACKETS ?? 200_000);
const ENDPOINTS = 50;

interface Internals {
  socket: dgram.Socket;
  onTick(tick: number, due: number): void;
}

function voicePackets(count: number): Buffer[] {
  const pcm = prompt();
  const out: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const b = Buffer.alloc(172);
    b[0] = 0x80;
    b[1] = 0;
    b.writeUInt16BE(i & 0xffff, 2);
    b.writeUInt32BE((i * 160) >>> 0, 4);
    b.writeUInt32BE(0x1234567, 8);
    const o = (i * 160) % (pcm.length - 160);
    b.set(encodeG711('PCMU', pcm.subarray(o, o + 160)), 12);
    out.push(b);
  }
  return out;
}

function cpuUs(fn: () => void): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return c.user + c.system;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'relais-media-hot-'));
const server = new RtpMediaServer({ portMin: 36000, portMax: 39999, cacheDir: path.join(dir, 'cache'), recordingsDir: path.join(dir, 'rec') });
const sink = dgram.createSocket('udp4');
await new Promise<void>((r) => sink.bind(0, '127.0.0.1', () => r()));
const port = sink.address().port;
const rinfo = { address: '127.0.0.1', port, family: 'IPv4', size: 172 };
const packets = voicePackets(500); // a 10 s cycle of the voice, reused (sequence numbers wrap like a long call)

try {
  for (const te of [true, false]) {
    const eps: MediaEndpoint[] = [];
    for (let i = 0; i < ENDPOINTS; i++) eps.push(await server.createEndpoint({ remoteSdp: offerTo(port, te) }));
    const internals = eps.map((e) => e as unknown as Internals);
    // Warm up, then measure.
    const run = (n: number): void => {
      for (let i = 0; i < n; i++) {
        const ep = internals[i % ENDPOINTS];
        const pkt = packets[Math.floor(i / ENDPOINTS) % packets.length];
        pkt.writeUInt16BE(Math.floor(i / ENDPOINTS) & 0xffff, 2);
        ep.socket.emit('message', pkt, rinfo);
      }
    };
    run(20_000);
    const us = cpuUs(() => run(PACKETS));
    console.log(`receive, telephone-event ${te ? 'offered    ' : 'not offered'}: ${((us * 1000) / PACKETS).toFixed(0).padStart(5)} ns per packet (${PACKETS} packets, ${ENDPOINTS} endpoints)`);
    await Promise.all(eps.map((e) => e.close()));
  }

  // Paced ticks: endpoints playing a looped prompt, ticks driven by hand (the server's clock is stopped).
  const eps: MediaEndpoint[] = [];
  for (let i = 0; i < ENDPOINTS; i++) eps.push(await server.createEndpoint({ remoteSdp: offerTo(port, true) }));
  const samples = prompt();
  for (const ep of eps) void ep.play({ kind: 'samples', samples }, { loop: true }).catch(() => {});
  await new Promise((r) => setTimeout(r, 100));
  (server as unknown as { clock: { stop(): void } }).clock.stop();
  const internals = eps.map((e) => e as unknown as Internals);
  let tick = 1_000_000;
  const ticks = (n: number): void => {
    for (let t = 0; t < n; t++, tick++) for (const ep of internals) ep.onTick(tick, performance.now());
  };
  ticks(200);
  const n = Math.max(1, Math.round(PACKETS / ENDPOINTS / 4));
  const us = cpuUs(() => ticks(n));
  console.log(`tick (playing, one packet sent)       : ${((us * 1000) / (n * ENDPOINTS)).toFixed(0).padStart(5)} ns per endpoint per tick (${n * ENDPOINTS} packets)`);
  await Promise.all(eps.map((e) => e.close()));
} finally {
  await server.close();
  sink.close();
  rmSync(dir, { recursive: true, force: true });
}
