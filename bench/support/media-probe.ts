// The media bench's figure for one size, in its own process: `streams` endpoints of a media
// server created as the runtime creates it (MEDIA_THREAD and the media settings from the
// environment) each loop a 10 s prompt to a sink (the light RTP caller in --sink mode, which
// answers nothing: no inbound RTP, as in bench/media.bench.ts); after 1 s to settle, CPU time of
// this process (all threads) over the window. Prints one JSON line:
//   {"streams":N,"cpuUs":…,"seconds":…,"usPerStreamPerS":…,"p99Ms":…,"packetsSent":…}
// Usage: npx tsx bench/support/media-probe.ts <sinkPort> <streams> [windowMs]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMediaServer, mediaThreadFromEnv, type MediaEndpoint } from '../../flow-runtime/media';

const [sinkPort, streams, windowMs = 4000] = process.argv.slice(2).map(Number);

function offerTo(port: number): string {
  return ['v=0', 'o=sink 1 1 IN IP4 127.0.0.1', 's=sink', 'c=IN IP4 127.0.0.1', 't=0 0', `m=audio ${port} RTP/AVP 8 0 101`, 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', 'a=ptime:20', 'a=sendrecv', ''].join('\r\n');
}

/** A 10 s speech-like prompt (gliding tone with an envelope), as in bench/media.bench.ts. */
function prompt(): Int16Array {
  const n = 80_000;
  const out = new Int16Array(n);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    phase += (2 * Math.PI * (250 + 200 * Math.sin((2 * Math.PI * i) / 16000))) / 8000;
    out[i] = Math.round(6000 * (0.5 + 0.5 * Math.sin((2 * Math.PI * 3 * i) / 8000)) * Math.sin(phase));
  }
  return out;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'relais-media-probe-'));
const portMin = 40000 + 2 * Math.floor(Math.random() * 2000);
const server = createMediaServer({ thread: mediaThreadFromEnv(process.env), host: '127.0.0.1', portMin, portMax: portMin + 9998, cacheDir: path.join(dir, 'cache'), recordingsDir: path.join(dir, 'rec') });
const endpoints: MediaEndpoint[] = [];
const samples = prompt();
try {
  for (let i = 0; i < streams; i++) {
    const ep = await server.createEndpoint({ remoteSdp: offerTo(sinkPort) });
    endpoints.push(ep);
    void ep.play({ kind: 'samples', samples }, { loop: true }).catch(() => {});
  }
  await new Promise((r) => setTimeout(r, 1000));
  await server.resetPacingStats();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, windowMs));
  const cpu = process.cpuUsage(cpu0);
  const seconds = (performance.now() - t0) / 1000;
  await server.refreshStats?.();
  const stats = server.pacingStats();
  const cpuUs = cpu.user + cpu.system;
  console.log(JSON.stringify({ streams, cpuUs, seconds, usPerStreamPerS: cpuUs / streams / seconds, p99Ms: stats.p99Ms, packetsSent: stats.packetsSent }));
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
