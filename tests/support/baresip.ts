// A real softphone for the live-call tests: baresip (Debian baresip-core 1.0.0, /usr/bin/baresip)
// started with a private config directory (`-f dir`) written for one test:
// - `config`: SIP on a free loopback port (UDP, TCP, and TLS on the next port; `net_interface
//   127.0.0.1`, so SDP and Contact say 127.0.0.1), G.711 only, the microphone is the `ausine` module (a sine of the given
//   frequency), no audio player at all (1.0.0 then skips the player) and the `sndfile` audio
//   filter writing what the phone hears (decoded, `dump-<time>-dec.wav`) and what it sends
//   (`-enc.wav`) into `dir/snd`; `ctrl_tcp` on another free port for commands and events;
// - `accounts`: one account registering at the runtime's SIP address as a Relais agent
//   (digest credentials), auto-answer or manual.
// Control: ctrl_tcp's netstring JSON (`{"command":"dial","params":"…","token":"…"}` →
// `{"response":true,"ok":…,"data":…,"token":…}`; events `{"event":true,"class":…,"type":…,"param":…,"id":<Call-ID>}`).
// The menu module gives the commands: dial, accept, hangup, hold, resume, transfer (blind REFER);
// 1.0.0 has no attended transfer (menu.c of v1.0.0: no atransfer command; call.c's call_transfer
// sends the URI it is given as the `Refer-To`, nothing in src/ builds a Replaces header; a test can
// hand-build `…?Replaces=…` from the SIP trace, see tests/calls/baresip.test.ts).
// Waits are on events with generous timeouts; `stop()` sends /quit, kills the process if it
// lingers, removes the directory, and keeps the log (stdout with the SIP trace) when asked.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freeUdpPort } from '../sip-edge/helpers';
import { concatPcm } from '../../flow-runtime/media/tones';
import { rms, toneShare } from '../media/support/tones';

export const BARESIP = process.env.BARESIP_BIN ?? '/usr/bin/baresip';
const MODULES = process.env.BARESIP_MODULES ?? '/usr/lib/baresip/modules';

export interface BaresipEvent {
  event: true;
  class: string;
  type: string;
  param?: string;
  /** Call-ID of the call the event is about. */
  id?: string;
  direction?: string;
  peeruri?: string;
  accountaor?: string;
  /** When the harness received it (ms, performance.now()). */
  at: number;
}

export interface BaresipOptions {
  /** Agent's SIP username and password (tests/calls/support.ts createAgent). */
  username: string;
  password: string;
  /** The registrar/proxy: the runtime's SIP address, `127.0.0.1:<port>`. */
  registrar: string;
  /** Frequency of the sine the phone sends as its microphone (Hz). */
  sineHz?: number;
  /**
   * Instead of the sine: a WAV file (8 kHz mono 16-bit) as the microphone (`aufile` module).
   * 1.0.0 plays it once and then ends the call itself (events AUDIO_ERROR `end of file`, CALL_CLOSED).
   */
  sourceWav?: string;
  /** `auto`: the phone answers every incoming call itself (default); `manual`: `/accept`. */
  answer?: 'auto' | 'manual';
  /** A name for the log file (default the username). */
  name?: string;
}

export class Baresip {
  readonly events: BaresipEvent[] = [];
  private log = '';
  private buffer = Buffer.alloc(0);
  private token = 0;
  private readonly pending = new Map<string, (r: { ok: boolean; data: string }) => void>();
  private exited: Promise<void>;
  /** The recordings, read before `stop()` removes the directory. */
  private kept: { dec: Int16Array; enc: Int16Array } | null = null;

  private constructor(
    readonly dir: string,
    readonly sipPort: number,
    readonly name: string,
    private readonly child: ChildProcess,
    private socket: net.Socket | null = null,
  ) {
    child.stdout!.on('data', (d) => (this.log += d));
    child.stderr!.on('data', (d) => (this.log += d));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => {
      this.log += `\n[harness] baresip exited: code ${code} signal ${signal}\n`;
      resolve();
    }));
  }

  /** Starts baresip and waits until it answers on its control port (not for the registration). */
  static async start(opts: BaresipOptions): Promise<Baresip> {
    const dir = mkdtempSync(path.join(os.tmpdir(), `baresip-${opts.username}-`));
    mkdirSync(path.join(dir, 'snd'));
    // SIP on UDP and TCP at sipPort, and baresip 1.0.0 also listens for TLS at sipPort + 1.
    let sipPort = await freeUdpPort();
    while (sipPort >= 65535 || !(await tcpFree(sipPort + 1))) sipPort = await freeUdpPort();
    let ctrlPort = await freeUdpPort();
    while (ctrlPort === sipPort || ctrlPort === sipPort + 1) ctrlPort = await freeUdpPort();
    const rtpMin = 20000 + 2 * Math.floor(Math.random() * 4500);
    let source = `ausine,${opts.sineHz ?? 440}`;
    if (opts.sourceWav) {
      copyFileSync(opts.sourceWav, path.join(dir, 'source.wav'));
      source = `aufile,${path.join(dir, 'source.wav')}`;
    }
    writeFileSync(path.join(dir, 'config'), [
      'poll_method epoll',
      `sip_listen 127.0.0.1:${sipPort}`,
      'net_interface 127.0.0.1',
      'call_local_timeout 120',
      'call_max_calls 4',
      `audio_source ${source}`,
      // ausine of 1.0.0 makes 48 kHz stereo only (baresip resamples to the codec's 8 kHz mono); a WAV source: 8 kHz mono
      `ausrc_srate ${opts.sourceWav ? 8000 : 48000}`,
      `ausrc_channels ${opts.sourceWav ? 1 : 2}`,
      'audio_level no',
      `rtp_ports ${rtpMin}-${rtpMin + 99}`,
      'rtp_timeout 0',
      `module_path ${MODULES}`,
      'module g711.so',
      'module ausine.so',
      'module aufile.so',
      'module sndfile.so',
      `snd_path ${path.join(dir, 'snd')}`,
      'module_app account.so',
      'module_app menu.so',
      'module_app ctrl_tcp.so',
      `ctrl_tcp_listen 127.0.0.1:${ctrlPort}`,
      '',
    ].join('\n'));
    // The AOR's host is the registrar: REGISTER and every request of the account go there.
    const params = [`auth_pass=${opts.password}`, `answermode=${opts.answer ?? 'auto'}`, 'audio_codecs=PCMU,PCMA', 'regint=600'];
    writeFileSync(path.join(dir, 'accounts'), `<sip:${opts.username}@${opts.registrar};transport=udp>;${params.join(';')}\n`);
    writeFileSync(path.join(dir, 'contacts'), '');
    // -s: SIP trace in the log (kept for a failing test); -4: IPv4 only.
    const child = spawn(BARESIP, ['-f', dir, '-4', '-s'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const phone = new Baresip(dir, sipPort, opts.name ?? opts.username, child);
    try {
      await phone.connect(ctrlPort);
    } catch (e) {
      await phone.stop({ keepLog: true });
      throw e;
    }
    return phone;
  }

  private async connect(port: number): Promise<void> {
    const start = Date.now();
    for (;;) {
      try {
        this.socket = await new Promise<net.Socket>((resolve, reject) => {
          const s = net.connect(port, '127.0.0.1');
          s.once('connect', () => resolve(s));
          s.once('error', reject);
        });
        break;
      } catch {
        if (this.child.exitCode !== null || this.child.signalCode !== null) throw new Error(`baresip exited at start:\n${this.log}`);
        if (Date.now() - start > 20_000) throw new Error(`baresip control port ${port} not reachable:\n${this.log}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    this.socket.on('data', (d: Buffer) => this.receive(d));
    this.socket.on('error', () => undefined);
  }

  /** Netstrings `<len>:<json>,` from ctrl_tcp: responses resolve their command, events are kept. */
  private receive(d: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, d]);
    for (;;) {
      const colon = this.buffer.indexOf(0x3a);
      if (colon < 0) return;
      const len = Number(this.buffer.subarray(0, colon).toString());
      if (this.buffer.length < colon + 1 + len + 1) return;
      const json = this.buffer.subarray(colon + 1, colon + 1 + len).toString();
      this.buffer = this.buffer.subarray(colon + 1 + len + 1);
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(json);
      } catch {
        this.log += `\n[harness] bad ctrl_tcp message: ${json}\n`;
        continue;
      }
      this.log += `\n[harness] ctrl_tcp: ${json}\n`;
      if (msg.response && typeof msg.token === 'string') {
        this.pending.get(msg.token)?.({ ok: msg.ok === true, data: String(msg.data ?? '') });
        this.pending.delete(msg.token);
      } else if (msg.event) {
        this.events.push({ ...(msg as unknown as BaresipEvent), at: performance.now() });
      }
    }
  }

  /** A menu command (`dial`, `accept`, `hangup`, `hold`, `resume`, `transfer`, `reginfo`…), as `/command params`. */
  async command(command: string, params?: string, timeoutMs = 10_000): Promise<{ ok: boolean; data: string }> {
    if (!this.socket) throw new Error('baresip not connected');
    const token = `t${++this.token}`;
    const body = Buffer.from(JSON.stringify(params === undefined ? { command, token } : { command, params, token }));
    this.log += `\n[harness] command: ${command} ${params ?? ''}\n`;
    const result = new Promise<{ ok: boolean; data: string }>((resolve, reject) => {
      const t = setTimeout(() => {
        this.pending.delete(token);
        reject(new Error(`baresip ${this.name}: no response to ${command}`));
      }, timeoutMs);
      this.pending.set(token, (r) => {
        clearTimeout(t);
        resolve(r);
      });
    });
    this.socket.write(Buffer.concat([Buffer.from(`${body.length}:`), body, Buffer.from(',')]));
    return result;
  }

  /** A command that must succeed. */
  async run(command: string, params?: string): Promise<string> {
    const r = await this.command(command, params);
    if (!r.ok) throw new Error(`baresip ${this.name}: /${command} ${params ?? ''} failed: ${r.data}`);
    return r.data;
  }

  /** Index of the next event: `waitEvent(…, { from: mark() })` only looks at what comes after. */
  mark(): number {
    return this.events.length;
  }

  /** The first event of `type` (or one of `A|B`, matching `where`) from index `from`; rejects after `timeoutMs`. */
  async waitEvent(type: string, opts: { from?: number; where?: (e: BaresipEvent) => boolean; timeoutMs?: number } = {}): Promise<BaresipEvent> {
    const timeoutMs = opts.timeoutMs ?? 30_000;
    const start = Date.now();
    for (;;) {
      const types = type.split('|');
      const e = this.events.slice(opts.from ?? 0).find((x) => types.includes(x.type) && (!opts.where || opts.where(x)));
      if (e) return e;
      if (this.child.exitCode !== null || this.child.signalCode !== null) throw new Error(`baresip ${this.name} exited while waiting for ${type}`);
      if (Date.now() - start > timeoutMs) {
        throw new Error(`baresip ${this.name}: timed out waiting for ${type} (events: ${this.events.map((x) => `${x.type}${x.param ? ` ${x.param}` : ''}`).join(', ') || 'none'})`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /**
   * The call of this direction established from index `from`; fails at once when such a call
   * closes first (e.g. `404 Not Found` for a dialled number the runtime does not know).
   */
  async established(direction: 'incoming' | 'outgoing', opts: { from?: number; timeoutMs?: number } = {}): Promise<BaresipEvent> {
    const from = opts.from ?? 0;
    const e = await this.waitEvent('CALL_ESTABLISHED|CALL_CLOSED', { ...opts, where: (x) => x.direction === direction && (x.type === 'CALL_ESTABLISHED' || !this.events.slice(from).some((y) => y.type === 'CALL_ESTABLISHED' && y.id === x.id)) });
    if (e.type === 'CALL_CLOSED') throw new Error(`baresip ${this.name}: ${direction} call closed before it was established: ${e.param}`);
    return e;
  }

  /**
   * Waits for the account's registration: REGISTER_OK, or `/reginfo` saying `OK` (the first
   * REGISTER often completes before the control connection is up, and events are not replayed);
   * REGISTER_FAIL fails at once.
   */
  async registered(timeoutMs = 30_000): Promise<void> {
    const start = Date.now();
    for (;;) {
      if (this.events.some((e) => e.type === 'REGISTER_OK')) return;
      // eslint-disable-next-line no-control-regex
      if (/\bOK\b/.test((await this.run('reginfo')).replace(/\x1b\[[0-9;]*m/g, ''))) return;
      const failed = this.events.find((e) => e.type === 'REGISTER_FAIL');
      if (failed) throw new Error(`baresip ${this.name}: registration failed: ${failed.param}`);
      if (Date.now() - start > timeoutMs) throw new Error(`baresip ${this.name}: not registered after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /**
   * What the phone heard: the decoded audio (`-dec.wav` files of sndfile, in time order; a
   * re-INVITE may open a new file), 16-bit mono at the codec's 8 kHz. sndfile fixes the WAV
   * header only when it closes the file, so the samples are read from the data chunk to the end
   * (also while the call goes on). 1.0.0 stops recording a call at its own hold: a re-INVITE that
   * is not sendrecv flushes the receive filter chain, which is not set up again (src/audio.c).
   */
  heard(): Int16Array {
    return this.readDumps('dec');
  }

  /** What the phone sent (its sine or file, before encoding). */
  sent(): Int16Array {
    return this.readDumps('enc');
  }

  private readDumps(kind: 'dec' | 'enc'): Int16Array {
    if (this.kept) return this.kept[kind];
    const snd = path.join(this.dir, 'snd');
    const files = readdirSync(snd).filter((f) => f.endsWith(`-${kind}.wav`)).sort();
    return concatPcm(files.map((f) => wavSamples(readFileSync(path.join(snd, f)))));
  }

  /** The process log so far (stdout/stderr with the SIP trace, commands and events). */
  output(): string {
    return this.log;
  }

  /**
   * /quit (baresip hangs up and unregisters), SIGKILL if still there after `graceMs`; removes the
   * config directory (the recordings stay readable with `heard()`/`sent()`). With `keepLog`, the log is written to a file first and its path returned.
   */
  async stop(opts: { keepLog?: boolean; graceMs?: number } = {}): Promise<string | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      if (this.socket) await this.command('quit', undefined, 2000).catch(() => undefined);
      const gone = await Promise.race([this.exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), opts.graceMs ?? 5000))]);
      if (!gone) {
        this.child.kill('SIGKILL');
        await this.exited;
      }
    }
    this.socket?.destroy();
    let kept: string | null = null;
    if (opts.keepLog) {
      kept = path.join(os.tmpdir(), `baresip-${this.name}-${Date.now()}.log`);
      writeFileSync(kept, this.log);
    }
    this.kept = { dec: this.readDumps('dec'), enc: this.readDumps('enc') };
    rmSync(this.dir, { recursive: true, force: true });
    return kept;
  }
}

function tcpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** The 16-bit PCM samples of a WAV file: from its `data` chunk to the end of the file. */
export function wavSamples(buf: Buffer): Int16Array {
  let o = 12;
  while (o + 8 <= buf.length) {
    const id = buf.toString('ascii', o, o + 4);
    const size = buf.readUInt32LE(o + 4);
    if (id === 'data') {
      const start = o + 8;
      const bytes = (buf.length - start) & ~1;
      const copy = Buffer.from(buf.subarray(start, start + bytes));
      return new Int16Array(copy.buffer, copy.byteOffset, bytes / 2);
    }
    o += 8 + size + (size & 1);
  }
  return new Int16Array(0);
}

/**
 * How long a tone of `freq` is present in 8 kHz audio: the number of ms in 100 ms blocks whose
 * power is mostly that frequency (Goertzel share > 0.5) and loud enough (RMS > 200).
 */
export function toneMs(pcm: Int16Array, freq: number, rate = 8000): number {
  const block = rate / 10;
  let ms = 0;
  for (let o = 0; o + block <= pcm.length; o += block) {
    const b = pcm.subarray(o, o + block);
    if (rms(b) > 200 && toneShare(b, freq, rate) > 0.5) ms += 100;
  }
  return ms;
}

export { rms, toneShare };
