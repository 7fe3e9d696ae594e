// A caller's RTP socket in its own process, for measuring when packets from Relais arrive.
// The runtime under test runs in the test process: if the receiver ran there too, a stall of
// that event loop (query compilation, GC) would delay the receiver's timestamps as well as the
// sending, and with the media on a worker thread it would show gaps the caller never saw. So the
// socket lives in a child process that timestamps each packet as it reads it (epoch ms, from
// performance.timeOrigin + performance.now(), comparable across processes) and writes one line per
// packet. It can also speak: G.711 µ-law frames of a soft tone sent in real time from the same
// socket (Relais latches its RTP to the source of what it receives, so the caller must send
// from where it listens).
import { spawn, type ChildProcess } from 'node:child_process';

export interface Arrival {
  /** Epoch ms (performance.timeOrigin + performance.now() in the child). */
  at: number;
  seq: number;
  timestamp: number;
  marker: boolean;
  payloadType: number;
  ssrc: number;
  /** A G.711 payload whose samples all decode to 0 (0xFF/0x7F µ-law, 0xD5/0x55 A-law). */
  silent: boolean;
}

const CHILD = `
const dgram = require('node:dgram');
const s = dgram.createSocket('udp4');
const now = () => performance.timeOrigin + performance.now();
const ZERO = { 0: [0xff, 0x7f], 8: [0xd5, 0x55] };
s.on('message', (b) => {
  if (b.length < 12 || b[0] >> 6 !== 2) return;
  const pt = b[1] & 0x7f;
  const z = ZERO[pt];
  let silent = !!z && b.length > 12;
  if (z) for (let i = 12; i < b.length && silent; i++) silent = b[i] === z[0] || b[i] === z[1];
  process.stdout.write([now().toFixed(3), b.readUInt16BE(2), b.readUInt32BE(4), b[1] >> 7, pt, b.readUInt32BE(8), silent ? 1 : 0].join(' ') + '\\n');
});
function mulaw(x) {
  const sign = x < 0 ? 0x80 : 0;
  let m = Math.min(Math.abs(x), 32635) + 132;
  let e = 7;
  for (let mask = 0x4000; (m & mask) === 0 && e > 0; mask >>= 1) e--;
  return ~(sign | (e << 4) | ((m >> (e + 3)) & 0x0f)) & 0xff;
}
function speak(port, ms) {
  const frames = Math.round(ms / 20);
  const t0 = now();
  let n = 0, seq = 1, ts = 1000, phase = 0;
  const tick = () => {
    while (n < frames && now() >= t0 + n * 20) {
      const p = Buffer.alloc(172);
      p[0] = 0x80; p[1] = n === 0 ? 0x80 : 0; p.writeUInt16BE(seq++ & 0xffff, 2); p.writeUInt32BE(ts >>> 0, 4); p.writeUInt32BE(0x5eed, 8);
      for (let i = 0; i < 160; i++) { phase += 2 * Math.PI * (200 + 150 * Math.sin(2 * Math.PI * (ts + i) / 24000)) / 8000; p[12 + i] = mulaw(Math.round(3000 * Math.sin(phase))); }
      s.send(p, port, '127.0.0.1');
      ts += 160; n++;
    }
    if (n < frames) setTimeout(tick, 5); else process.stdout.write('spoke\\n');
  };
  tick();
}
s.bind(0, '127.0.0.1', () => process.stdout.write('port ' + s.address().port + '\\n'));
process.stdin.setEncoding('utf8');
let buf = '';
process.stdin.on('data', (d) => {
  buf += d;
  let i;
  while ((i = buf.indexOf('\\n')) >= 0) {
    const [cmd, a, b] = buf.slice(0, i).split(' ');
    buf = buf.slice(i + 1);
    if (cmd === 'speak') speak(Number(a), Number(b));
  }
});
process.stdin.on('end', () => process.exit(0));
`;

export class RtpArrivalRecorder {
  readonly arrivals: Arrival[] = [];
  port = 0;
  private spoke: (() => void) | null = null;

  private constructor(private readonly child: ChildProcess) {}

  static async start(): Promise<RtpArrivalRecorder> {
    const child = spawn(process.execPath, ['-e', CHILD], { stdio: ['pipe', 'pipe', 'inherit'] });
    const rec = new RtpArrivalRecorder(child);
    await new Promise<void>((resolve, reject) => {
      let buf = '';
      child.once('exit', (code) => reject(new Error(`the RTP recorder process exited (${code})`)));
      child.stdout!.setEncoding('utf8');
      child.stdout!.on('data', (d: string) => {
        buf += d;
        let i: number;
        while ((i = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          if (line.startsWith('port ')) {
            rec.port = Number(line.slice(5));
            resolve();
          } else if (line === 'spoke') {
            rec.spoke?.();
          } else {
            const [at, seq, ts, marker, pt, ssrc, silent] = line.split(' ').map(Number);
            rec.arrivals.push({ at, seq, timestamp: ts, marker: marker === 1, payloadType: pt, ssrc, silent: silent === 1 });
          }
        }
      });
    });
    return rec;
  }

  /** Sends `ms` of a soft tone (µ-law) to 127.0.0.1:`port` in real time, from the listening socket; resolves when sent. */
  speak(port: number, ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.spoke = resolve;
      this.child.stdin!.write(`speak ${port} ${ms}\n`);
    });
  }

  /** Epoch ms on the recorder's timeline, for comparing with `Arrival.at` from this process. */
  static now(): number {
    return performance.timeOrigin + performance.now();
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.stdin!.end();
    });
  }
}
