// Records the audio an endpoint receives into a PCM16 8 kHz mono WAV.
//
// Samples are placed by RTP timestamp, not by arrival: a gap of up to one second (lost packets)
// is filled with silence, duplicates and late packets are dropped, and a new SSRC simply
// continues. The duration therefore matches what the remote side sent, whatever the network
// did to the timing. The recording ends at the first of:
//   1. `maxDurationMs` of audio (truncated exactly there);
//   2. a finish key (the session's digit handler calls finish);
//   3. `silenceTimeoutMs` of audio below the threshold, or of no packets at all (wall clock);
//   4. stop / close. Abort deletes the file.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { wavefile } from './wavefile-module';
import { MediaError } from './errors';
import { rmsDb, SAMPLE_RATE } from './g711';
import type { RecordingResult } from './media-endpoint';

const MAX_GAP_SAMPLES = SAMPLE_RATE; // fill at most 1 s of loss with silence

export interface RecorderOptions {
  path: string;
  maxDurationMs: number;
  silenceTimeoutMs: number;
  silenceThresholdDb: number;
}

export class Recorder {
  private chunks: Int16Array[] = [];
  private samples = 0;
  private readonly maxSamples: number;
  private readonly silenceSamples: number;
  private silentRun = 0;
  private expected: { ssrc: number; timestamp: number } | null = null;
  private readonly startedAt = performance.now();
  private lastPacketAt = performance.now();
  /** Set once the recording must end; the owner then calls write(). */
  endReason: RecordingResult['reason'] | null = null;

  constructor(readonly options: RecorderOptions) {
    this.maxSamples = Math.round((options.maxDurationMs * SAMPLE_RATE) / 1000);
    this.silenceSamples = Math.round((options.silenceTimeoutMs * SAMPLE_RATE) / 1000);
  }

  /** Adds one received frame. */
  push(ssrc: number, timestamp: number, pcm: Int16Array): void {
    if (this.endReason) return;
    this.lastPacketAt = performance.now();
    if (this.expected && this.expected.ssrc === ssrc) {
      const delta = (timestamp - this.expected.timestamp) | 0; // wraps at 2^32
      if (delta < 0) return; // duplicate or late
      if (delta > 0 && delta <= MAX_GAP_SAMPLES) this.append(new Int16Array(delta), true);
    }
    this.expected = { ssrc, timestamp: (timestamp + pcm.length) >>> 0 };
    this.append(pcm, rmsDb(pcm) < this.options.silenceThresholdDb);
  }

  /** Wall-clock checks for when packets stop coming. */
  poll(now = performance.now()): void {
    if (this.endReason) return;
    if (this.silenceSamples > 0 && now - this.lastPacketAt >= this.options.silenceTimeoutMs) this.endReason = 'silence';
    else if (now - this.startedAt > this.options.maxDurationMs + 2000) this.endReason = 'max-duration';
  }

  get durationMs(): number {
    return Math.round((this.samples * 1000) / SAMPLE_RATE);
  }

  /** Writes the WAV atomically (temporary file, then rename). */
  async write(): Promise<{ path: string; bytes: number; durationMs: number }> {
    const pcm = new Int16Array(this.samples);
    let o = 0;
    for (const c of this.chunks) {
      pcm.set(c, o);
      o += c.length;
    }
    const wav = new wavefile.WaveFile();
    wav.fromScratch(1, SAMPLE_RATE, '16', pcm);
    const buf = Buffer.from(wav.toBuffer());
    const tmp = `${this.options.path}.${process.pid}.tmp`;
    try {
      await mkdir(path.dirname(this.options.path), { recursive: true });
      await writeFile(tmp, buf);
      await rename(tmp, this.options.path);
    } catch (err) {
      await rm(tmp, { force: true });
      throw new MediaError('media.record_failed', `Cannot write the recording ${this.options.path}: ${(err as Error).message}`, { cause: err });
    }
    return { path: this.options.path, bytes: buf.length, durationMs: this.durationMs };
  }

  private append(pcm: Int16Array, silent: boolean): void {
    const room = this.maxSamples - this.samples;
    const part = pcm.length > room ? pcm.subarray(0, room) : pcm;
    if (part.length > 0) {
      this.chunks.push(Int16Array.from(part));
      this.samples += part.length;
    }
    if (this.samples >= this.maxSamples) {
      this.endReason = 'max-duration';
      return;
    }
    this.silentRun = silent ? this.silentRun + pcm.length : 0;
    if (this.silenceSamples > 0 && this.silentRun >= this.silenceSamples) this.endReason = 'silence';
  }
}
