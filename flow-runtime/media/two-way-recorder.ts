// Records both directions of an endpoint into one mono WAV: what the remote side sends (the
// caller) mixed with what the endpoint sends it (the bridged agent's relayed audio, hold music,
// prompts). Used for call recordings (RecordOptions.sides = 'both').
//
// The two directions have unrelated RTP clocks (the remote's timestamps, ours), so they are
// aligned by the media clock instead: each direction feeds a small sample FIFO as packets come
// and go, and every 20 ms tick (the endpoint's onTick, while the recording runs) takes one frame
// of each, sums them (clipped to 16 bits) and appends the mix to an ordinary Recorder. A
// direction with nothing to say that tick (on hold, lost packets) counts as silence, so the
// recording keeps wall-clock time and both sides stay in step. A FIFO first fills PRIME_SAMPLES
// (40 ms) before it is read, which absorbs the arrival jitter of packets around the tick; it is
// re-primed after running dry and trimmed when it holds more than MAX_BACKLOG (a sender faster
// than our clock), so the delay between the sides stays under 120 ms.
import { FRAME_SAMPLES } from './g711';
import { Recorder, type RecorderOptions } from './recorder';
import type { RecordingResult } from './media-endpoint';

const PRIME_SAMPLES = 2 * FRAME_SAMPLES;
const MAX_BACKLOG = 6 * FRAME_SAMPLES;
const CAPACITY = 16 * FRAME_SAMPLES;

/** A ring of PCM16 samples: one direction waiting to be mixed. */
class SampleFifo {
  private readonly buf = new Int16Array(CAPACITY);
  private start = 0;
  length = 0;
  private primed = false;

  push(pcm: Int16Array): void {
    for (let i = 0; i < pcm.length; i++) {
      if (this.length === CAPACITY) {
        this.start = (this.start + 1) % CAPACITY; // full: drop the oldest sample
        this.length--;
      }
      this.buf[(this.start + this.length) % CAPACITY] = pcm[i];
      this.length++;
    }
  }

  /** Adds up to one frame of this direction into `mix` (nothing while priming or dry). */
  takeInto(mix: Int32Array): void {
    if (!this.primed) {
      if (this.length < PRIME_SAMPLES) return;
      this.primed = true;
    }
    if (this.length > MAX_BACKLOG) {
      const drop = this.length - PRIME_SAMPLES;
      this.start = (this.start + drop) % CAPACITY;
      this.length -= drop;
    }
    const n = Math.min(this.length, mix.length);
    for (let i = 0; i < n; i++) mix[i] += this.buf[(this.start + i) % CAPACITY];
    this.start = (this.start + n) % CAPACITY;
    this.length -= n;
    if (this.length === 0) this.primed = false;
  }
}

export class TwoWayRecorder {
  private readonly received = new SampleFifo();
  private readonly sent = new SampleFifo();
  private readonly mix = new Int32Array(FRAME_SAMPLES);
  private readonly frame = new Int16Array(FRAME_SAMPLES);
  private readonly inner: Recorder;
  private timestamp = 0;

  constructor(readonly options: RecorderOptions) {
    this.inner = new Recorder(options);
  }

  get endReason(): RecordingResult['reason'] | null {
    return this.inner.endReason;
  }

  set endReason(reason: RecordingResult['reason'] | null) {
    this.inner.endReason = reason;
  }

  get durationMs(): number {
    return this.inner.durationMs;
  }

  /** Audio received from the remote side (any packet length). */
  push(_ssrc: number, _timestamp: number, pcm: Int16Array): void {
    if (!this.inner.endReason) this.received.push(pcm);
  }

  /** Audio this endpoint sent to the remote side (paced or relayed). */
  pushSent(pcm: Int16Array): void {
    if (!this.inner.endReason) this.sent.push(pcm);
  }

  /** One clock tick: mixes a frame of each direction into the recording, then the wall-clock checks. */
  poll(now = performance.now()): void {
    if (this.inner.endReason) return;
    this.mix.fill(0);
    this.received.takeInto(this.mix);
    this.sent.takeInto(this.mix);
    for (let i = 0; i < FRAME_SAMPLES; i++) {
      const v = this.mix[i];
      this.frame[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
    }
    // One SSRC and contiguous timestamps: the inner recorder appends frame after frame.
    this.inner.push(0, this.timestamp, this.frame);
    this.timestamp = (this.timestamp + FRAME_SAMPLES) >>> 0;
    this.inner.poll(now);
  }

  write(): Promise<{ path: string; bytes: number; durationMs: number }> {
    return this.inner.write();
  }
}
