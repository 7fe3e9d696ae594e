// What a held call costs the media server: N endpoints, each playing a looped prompt (a menu)
// and receiving a caller's voice (50 µ-law packets/s from a sink process, like SIPp or the calls
// bench's RTP caller), measured by CPU time, not by wall-clock deviations (the machine is shared).
//
// Run: npx tsx bench/media-held-profile.ts
//   MEDIA_PROFILE_STREAMS=400   endpoints held (default 400)
//   MEDIA_PROFILE_TE=0          the offers carry no telephone-event (in-band DTMF detection runs)
//   MEDIA_PROFILE_SECONDS=6     measurement window (after 2 s of settling)
//   MEDIA_PROFILE_CPU=1         also profile the main thread during the window (inspector) and
//                               print the top self-time entries (thread=main only)
//   MEDIA_THREAD, MEDIA_WORKERS as for the runtime (createMediaServer)
// Prints: CPU µs per packet (sent + received; whole process: all threads) and the µs per held
// stream per second that makes at 50 + 50 packets/s, % of a core, p99.
// Not named *.bench.ts: `npm run bench` does not run it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { createMediaServer, mediaThreadFromEnv, type MediaEndpoint } from '../flow-runtime/media/index';
import { offerTo, prompt, Sink } from './media.bench';

const N = Number(process.env.MEDIA_PROFILE_STREAMS ?? 400);
const TE = process.env.MEDIA_PROFILE_TE !== '0';
const SECONDS = Number(process.env.MEDIA_PROFILE_SECONDS ?? 6);
const PROFILE = process.env.MEDIA_PROFILE_CPU === '1';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

function topSelf(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }, count: number): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const cf = byId.get(id)!.callFrame;
    const key = `${cf.functionName || '(anonymous)'} ${cf.url.split('/').slice(-2).join('/')}`;
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([k, t]) => `${((100 * t) / total).toFixed(1).padStart(5)} %  ${k}`);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'relais-media-held-'));
const thread = mediaThreadFromEnv(process.env);
const server = createMediaServer({ thread, portMin: 36000, portMax: 39999, cacheDir: path.join(dir, 'cache'), recordingsDir: path.join(dir, 'rec') });
const { sink, port } = await Sink.start();
const samples = prompt();
const endpoints: MediaEndpoint[] = [];
try {
  for (let i = 0; i < N; i++) {
    const ep = await server.createEndpoint({ remoteSdp: offerTo(port, TE) });
    endpoints.push(ep);
    sink.sendTo(ep.local.port);
    void ep.play({ kind: 'samples', samples }, { loop: true }).catch(() => {});
  }
  await sleep(2000);
  await server.resetPacingStats();
  const session = PROFILE ? new Session() : null;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const got0 = await sink.count();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(SECONDS * 1000);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const got = (await sink.count()) - got0;
  const profile = session ? ((await session.post('Profiler.stop')) as { profile: Parameters<typeof topSelf>[0] }).profile : null;
  await server.refreshStats?.();
  const stats = server.pacingStats();
  const cpuUs = cpu.user + cpu.system;
  const packets = stats.packetsSent + stats.packetsReceived;
  // On a machine shared with busy processes this process may get less than it needs and send or
  // receive fewer than 50 + 50 packets per stream per second: the per-packet cost is then the
  // robust figure, and a stream at full rate costs it × 100 packets/s.
  const perPacket = cpuUs / Math.max(1, packets);
  console.log(
    `held ${N} streams (${thread}${process.env.MEDIA_WORKERS ? `, MEDIA_WORKERS=${process.env.MEDIA_WORKERS}` : ''}, telephone-event ${TE ? 'offered' : 'not offered'}): ` +
      `CPU ${((100 * cpuUs) / 1000 / wall).toFixed(0)} % of a core; ${perPacket.toFixed(2)} µs per packet (sent ${stats.packetsSent} + received ${stats.packetsReceived}, ` +
      `${((100 * packets) / (N * 100 * (wall / 1000))).toFixed(0)} % of full rate) → ${(perPacket * 100).toFixed(0)} µs per stream per second at 50 + 50 packets/s ` +
      `(measured ${(cpuUs / N / (wall / 1000)).toFixed(0)}); sink got ${got}, p99 ${stats.p99Ms.toFixed(2)} ms; loadavg ${os.loadavg()[0].toFixed(1)}`,
  );
  if (profile) {
    const file = path.join(os.tmpdir(), `media-held-${N}-${Date.now()}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.log(`profile: ${file}\n${topSelf(profile, 20).join('\n')}`);
  }
} finally {
  await Promise.all(endpoints.map((e) => e.close().catch(() => {})));
  await server.close();
  sink.stop();
  rmSync(dir, { recursive: true, force: true });
}
