// A small RTP peer for tests: a UDP socket on 127.0.0.1 that writes SDP offers/answers,
// sends G.711 audio and RFC 4733 events, and keeps every packet it receives.
import dgram from 'node:dgram';
import { decodeG711, encodeG711 } from '@/flow-runtime/media/g711';
import type { CodecName, MediaEndpoint } from '@/flow-runtime/media/media-endpoint';
import { buildRtpPacket, parseRtpPacket, type RtpPacket } from '@/flow-runtime/media/rtp-packet';

export interface ReceivedPacket extends RtpPacket {
  at: number;
}

export class RtpPeer {
  readonly received: ReceivedPacket[] = [];
  port = 0;
  private seq = 1000;
  private readonly ssrc = 0x12345678;

  private constructor(private readonly socket: dgram.Socket) {
    socket.on('message', (buf) => {
      const pkt = parseRtpPacket(buf);
      if (pkt) this.received.push({ ...pkt, payload: Buffer.from(pkt.payload), at: performance.now() });
    });
  }

  static async create(): Promise<RtpPeer> {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const peer = new RtpPeer(socket);
    peer.port = socket.address().port;
    return peer;
  }

  /** An SDP offer pointing at this peer. */
  offer(options: { codecs?: string[]; payloads?: string; dtmf?: number | null; direction?: string; address?: string; extra?: string } = {}): string {
    const payloads = options.payloads ?? '0 8 101';
    const dtmf = options.dtmf === undefined ? 101 : options.dtmf;
    const lines = [
      'v=0',
      'o=peer 1 1 IN IP4 127.0.0.1',
      's=test',
      `c=IN IP4 ${options.address ?? '127.0.0.1'}`,
      't=0 0',
      `m=audio ${this.port} RTP/AVP ${payloads}`,
      ...(options.codecs ?? ['a=rtpmap:0 PCMU/8000', 'a=rtpmap:8 PCMA/8000']),
      ...(dtmf !== null ? [`a=rtpmap:${dtmf} telephone-event/8000`, `a=fmtp:${dtmf} 0-16`] : []),
      'a=ptime:20',
      `a=${options.direction ?? 'sendrecv'}`,
      ...(options.extra ? [options.extra] : []),
    ];
    return lines.join('\r\n') + '\r\n';
  }

  send(to: MediaEndpoint, buf: Buffer): void {
    this.socket.send(buf, to.local.port, to.local.address);
  }

  sendRtp(to: MediaEndpoint, payloadType: number, payload: Uint8Array, timestamp: number, marker = false, ssrc = this.ssrc): void {
    this.send(to, buildRtpPacket({ payloadType, marker, sequenceNumber: this.seq++ & 0xffff, timestamp, ssrc }, payload));
  }

  /**
   * Sends PCM as 20 ms G.711 frames with consecutive timestamps. `burst` frames go out per
   * 5 ms (the endpoint places audio by RTP timestamp, so faster than real time is fine).
   */
  async sendAudio(to: MediaEndpoint, codec: CodecName, pcm: Int16Array, options: { startTimestamp?: number; realTime?: boolean; burst?: number } = {}): Promise<number> {
    const pt = codec === 'PCMU' ? 0 : 8;
    let ts = options.startTimestamp ?? 1000;
    let n = 0;
    const t0 = performance.now();
    for (let o = 0; o < pcm.length; o += 160) {
      const frame = new Int16Array(160);
      frame.set(pcm.subarray(o, o + 160));
      this.sendRtp(to, pt, encodeG711(codec, frame), ts, n === 0);
      ts += 160;
      n++;
      if (options.realTime) await sleepUntil(t0 + n * 20);
      else if (n % (options.burst ?? 8) === 0) await sleep(5);
    }
    return ts;
  }

  /**
   * Packets that carry something: telephone-events and audio that is not digital silence.
   * Relais sends silence whenever it has nothing to say, so "nothing heard" means this is empty.
   */
  audible(): ReceivedPacket[] {
    return this.received.filter((p) => !isSilentPacket(p));
  }

  /**
   * Decoded payloads of the non-silent packets with this payload type, in arrival order: what was
   * relayed, without the silence Relais inserts when the relayed stream pauses (a sender
   * stalled for more than 60 ms on a loaded machine).
   */
  audibleAudio(codec: CodecName): Int16Array {
    const pt = codec === 'PCMU' ? 0 : 8;
    const pkts = this.audible().filter((p) => p.payloadType === pt);
    const out = new Int16Array(pkts.reduce((n, p) => n + p.payload.length, 0));
    let o = 0;
    for (const p of pkts) o += decodeG711(codec, p.payload, out.subarray(o, o + p.payload.length)).length;
    return out;
  }

  /** Decoded audio of the received packets with this payload type, placed by timestamp. */
  receivedAudio(codec: CodecName, options: { fromFirstSound?: boolean } = {}): Int16Array {
    const pt = codec === 'PCMU' ? 0 : 8;
    let pkts = this.received.filter((p) => p.payloadType === pt);
    if (options.fromFirstSound) {
      // Skip the silence sent before the prompt or relayed audio started.
      const first = pkts.findIndex((p) => !isSilentPacket(p));
      pkts = first < 0 ? [] : pkts.slice(first);
    }
    if (pkts.length === 0) return new Int16Array(0);
    const first = pkts[0].timestamp;
    const last = pkts.reduce((m, p) => Math.max(m, (p.timestamp - first) >>> 0), 0);
    const out = new Int16Array(last + 160);
    for (const p of pkts) out.set(decodeG711(codec, p.payload), (p.timestamp - first) >>> 0);
    return out;
  }

  clear(): void {
    this.received.length = 0;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}

/**
 * Where a received stream is not one stream (empty when it is): sequence numbers must go up by
 * one on every packet, timestamps by one 20 ms frame on unmarked packets. The one allowed break
 * is a marked packet whose timestamp jumps forward by whole frames: ticks dropped because the
 * sending process stalled for more than 60 ms (a loaded machine).
 */
export function streamBreaks(pkts: readonly RtpPacket[]): string[] {
  const breaks: string[] = [];
  for (let i = 1; i < pkts.length; i++) {
    const seq = (pkts[i].sequenceNumber - pkts[i - 1].sequenceNumber) & 0xffff;
    const ts = (pkts[i].timestamp - pkts[i - 1].timestamp) | 0;
    const ok = seq === 1 && (ts === 160 ? !pkts[i].marker : pkts[i].marker && ts > 160 && ts % 160 === 0);
    if (!ok) breaks.push(`#${i}: seq +${seq}, ts +${ts}, marker ${pkts[i].marker}`);
  }
  return breaks;
}

/** The two codes of the quietest level (±0 µ-law; ±8 of 32768 A-law, which has no zero). */
const QUIETEST: Record<CodecName, readonly number[]> = { PCMU: [0xff, 0x7f], PCMA: [0xd5, 0x55] };
const isQuiet = (codec: CodecName, payload: Uint8Array): boolean => payload.length > 0 && payload.every((b) => QUIETEST[codec].includes(b));

/** A G.711 packet (PT 0 or 8) that is digital silence: every byte is the quietest code. */
export function isSilentPacket(p: RtpPacket): boolean {
  if (p.payloadType !== 0 && p.payloadType !== 8) return false;
  return isQuiet(p.payloadType === 0 ? 'PCMU' : 'PCMA', p.payload);
}

/**
 * A reference prompt as a listener compares it with `receivedAudio(codec, { fromFirstSound })`:
 * its leading 20 ms frames that G.711 turns into digital silence are dropped, as they are
 * indistinguishable from the silence sent before it.
 */
export function fromFirstSound(codec: CodecName, pcm: Int16Array): Int16Array {
  const coded = encodeG711(codec, pcm);
  let start = 0;
  while (start < coded.length && isQuiet(codec, coded.subarray(start, start + 160))) start += 160;
  return pcm.subarray(start);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function sleepUntil(t: number): Promise<void> {
  const d = t - performance.now();
  if (d > 0) await sleep(d);
}

/** Resolves when `check()` is truthy (polled every 10 ms); rejects after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined | null | false, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (performance.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Normalized cross-correlation of `b` against `a` at the best lag in [0, maxLag]. */
export function bestCorrelation(a: Int16Array, b: Int16Array, maxLag = 800): { r: number; lag: number } {
  let best = { r: -1, lag: 0 };
  for (let lag = 0; lag <= maxLag; lag++) {
    const n = Math.min(a.length, b.length - lag);
    if (n <= 0) break;
    let ab = 0;
    let aa = 0;
    let bb = 0;
    for (let i = 0; i < n; i++) {
      const x = a[i];
      const y = b[i + lag];
      ab += x * y;
      aa += x * x;
      bb += y * y;
    }
    const r = aa && bb ? ab / Math.sqrt(aa * bb) : 0;
    if (r > best.r) best = { r, lag };
  }
  return best;
}
