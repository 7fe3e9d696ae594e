// The light RTP caller (rtp-caller.c) from TypeScript: built with the machine's gcc at bench
// time (cached by the source's hash in the temp dir), started as a child process, driven by
// one-line commands on its stdin. See rtp-caller.c for what it does.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SOURCE = path.join(import.meta.dirname, 'rtp-caller.c');

export interface RtpCallerStats {
  /** Sources (calls) it sends to. */
  peers: number;
  /** Of those, heard from in the last second (the call's RTP is flowing). */
  flowing: number;
  sent: number;
  recv: number;
  send_errors: number;
  ticks: number;
  missed_ticks: number;
  /** Wake-up lateness of its 2 ms clock. */
  late_p50_us: number;
  late_p99_us: number;
  late_max_us: number;
  /** Time one wake-up's work took (reading, then sending to the calls of its slot). */
  spread_p99_us: number;
  spread_max_us: number;
  /** Its own CPU time since it started (getrusage), µs. */
  cpu_us: number;
}

/** Compiles rtp-caller.c once per source version; returns the binary's path. */
export function buildRtpCaller(): string {
  const source = readFileSync(SOURCE);
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 12);
  const dir = path.join(os.tmpdir(), 'relais-rtp-caller');
  const bin = path.join(dir, `rtp-caller-${hash}`);
  if (existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  const tmp = `${bin}.${process.pid}`;
  const cc = spawnSync('gcc', ['-O2', '-o', tmp, SOURCE, '-lm'], { encoding: 'utf8', timeout: 60_000 });
  if (cc.status !== 0) throw new Error(`gcc could not build bench/support/rtp-caller.c (gcc is needed for the calls bench): ${cc.error?.message ?? ''}${cc.stderr}`);
  renameSync(tmp, bin);
  return bin;
}

export class RtpCaller {
  private waiting: ((line: string) => void)[] = [];
  private constructor(readonly child: ChildProcess, readonly port: number, lines: AsyncIterable<string>) {
    void (async () => {
      for await (const line of lines) this.waiting.shift()?.(line);
    })();
  }

  get pid(): number {
    return this.child.pid!;
  }

  static async start(options: { pcap?: string; host?: string; sink?: boolean } = {}): Promise<RtpCaller> {
    const bin = buildRtpCaller();
    const args = ['--host', options.host ?? '127.0.0.1'];
    if (options.pcap && existsSync(options.pcap)) args.push('--pcap', options.pcap);
    if (options.sink) args.push('--sink', '1');
    const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = linesOf(child);
    const it = lines[Symbol.asyncIterator]();
    const first = await withTimeout(it.next(), 10_000, 'rtp-caller did not start');
    const m = /^port (\d+)$/.exec(String(first.value));
    if (!m) throw new Error(`rtp-caller: unexpected first line ${String(first.value)}`);
    return new RtpCaller(child, Number(m[1]), { [Symbol.asyncIterator]: () => it });
  }

  private command(cmd: string): Promise<string> {
    const p = new Promise<string>((resolve) => this.waiting.push(resolve));
    this.child.stdin!.write(`${cmd}\n`);
    return withTimeout(p, 5000, `rtp-caller did not answer "${cmd}"`);
  }

  async stats(): Promise<RtpCallerStats> {
    return JSON.parse(await this.command('stats')) as RtpCallerStats;
  }

  async reset(): Promise<void> {
    await this.command('reset');
  }

  /** Every call sends the RFC 4733 event for `digit` (100 ms). */
  async dtmf(digit: string): Promise<void> {
    const answer = await this.command(`dtmf ${digit}`);
    if (answer !== 'ok') throw new Error(`rtp-caller: ${answer}`);
  }

  stop(): void {
    this.child.stdin!.end();
    setTimeout(() => this.child.kill('SIGKILL'), 2000).unref();
  }
}

async function* linesOf(child: ChildProcess): AsyncGenerator<string> {
  let buf = '';
  child.stdout!.setEncoding('utf8');
  for await (const chunk of child.stdout! as AsyncIterable<string>) {
    buf += chunk;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      yield buf.slice(0, i);
      buf = buf.slice(i + 1);
    }
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(message)), ms); })]).finally(() => clearTimeout(timer));
}
