// N-way audio conferences (small N) for the in-process RTP media server.
//
// One ConferenceMixer per server is a MediaClock stream that runs FIRST in every 20 ms tick
// (before the endpoints), so there is one tick for all conferences and no timer of its own:
//   1. each participant's seat holds a small jitter buffer (RING_FRAMES frames of 160 PCM16
//      samples): received G.711 is decoded on arrival and placed by RTP timestamp at a playout
//      tick (arrival tick + PLAYOUT_DELAY_TICKS for the first packet of a stream, then by
//      timestamp). A frame that is not there when its tick is mixed (lost, late, or the
//      participant's phone sends nothing) counts as silence; a packet arriving after its tick
//      was mixed is dropped (counted as late);
//   2. the mixer sums the frames present into one Int32 buffer, then for each participant
//      subtracts its own frame (N-1 mix: nobody hears themselves), clips to 16 bits and
//      encodes with the participant's own law (µ-law or A-law lookup table) into the seat's
//      160-byte output;
//   3. each endpoint's own onTick, later in the same tick, sends that output as its paced RTP
//      frame (in place of the silence an idle answered leg sends), so sequence numbers,
//      timestamps, hold and DTMF sending keep working exactly as for any other paced audio.
// Every buffer is allocated when a seat or conference is created: the hot path allocates nothing.
//
// A conference of two is a bridge through the mixer (one tick of buffering more than the
// relay); a conference of one sends its participant silence.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { DeviationHistogram } from './deviation-histogram';
import { MediaError, throwIfAborted } from './errors';
import { decodeTable, encodeTable, FRAME_SAMPLES } from './g711';
import type { ClockStream, MediaClock } from './media-clock';
import type { CodecName, ConferenceStats, CreateConferenceOptions, MediaConference, MediaEndpoint, PacingStats, RecordingResult, RecordOptions } from './media-endpoint';
import { Recorder } from './recorder';
import type { RtpEndpoint } from './rtp-endpoint';

/** Participants per conference: the mix is O(N × 160) per tick; the issue asks for 3-way calls. */
export const MAX_CONFERENCE_PARTICIPANTS = 8;
/** Jitter buffer per participant: 8 frames (160 ms), room for a burst and a 3-tick clock catch-up. */
const RING_FRAMES = 8;
/** A new stream's first packet is played 2 ticks after the tick it arrived in: 20–40 ms of buffering. */
const PLAYOUT_DELAY_TICKS = 2;
/** After this many late packets in a row, the stream is re-anchored (sender slower than our clock, or stalled). */
const LATE_RUN_RESYNC = 3;
/** A packet this many frames behind the mix is not late but a timestamp jump back: re-anchor at once. */
const JUMP_BACK_FRAMES = 50;

/** One participant's place in a conference: jitter buffer, output frame, counters. */
export class ConferenceSeat {
  readonly ring = new Int16Array(RING_FRAMES * FRAME_SAMPLES);
  /** The frame (tick) each ring slot holds; -1 when empty. */
  private readonly tags = new Float64Array(RING_FRAMES).fill(-1);
  /** This participant's mix of the others, encoded in its codec (valid when outTick is the current tick and !outSilent). */
  readonly out = new Uint8Array(FRAME_SAMPLES);
  outTick = -1;
  outSilent = true;
  /** Ring offset of this seat's own frame in the tick being mixed, -1 when it had none. */
  mixOffset = -1;
  private anchored = false;
  private anchorSsrc = 0;
  private anchorTs = 0;
  private anchorTick = 0;
  private lateRun = 0;
  framesHeard = 0;
  framesMissing = 0;
  latePackets = 0;

  constructor(
    readonly endpoint: RtpEndpoint,
    readonly conference: RtpConference,
    private readonly mixer: ConferenceMixer,
  ) {}

  /** A received audio payload (any length: 10, 20, 30 ms packets), placed by timestamp. */
  push(ssrc: number, timestamp: number, payload: Uint8Array, codec: CodecName): void {
    const mixed = this.mixer.lastTick;
    if (!this.anchored || ssrc !== this.anchorSsrc) this.anchor(ssrc, timestamp);
    let pos = this.anchorTick * FRAME_SAMPLES + ((timestamp - this.anchorTs) | 0);
    let lastFrame = Math.floor((pos + payload.length - 1) / FRAME_SAMPLES);
    if (lastFrame > mixed + RING_FRAMES || lastFrame < mixed - JUMP_BACK_FRAMES) {
      // Timestamp jump (new talkspurt after hold, sender restarted) or a sender faster than our clock.
      this.anchor(ssrc, timestamp);
      pos = this.anchorTick * FRAME_SAMPLES;
      lastFrame = Math.floor((pos + payload.length - 1) / FRAME_SAMPLES);
    } else if (lastFrame <= mixed) {
      this.latePackets++;
      if (++this.lateRun < LATE_RUN_RESYNC) return;
      this.anchor(ssrc, timestamp); // consistently late: the sender's clock is slower, or it stalled
      pos = this.anchorTick * FRAME_SAMPLES;
    }
    this.lateRun = 0;
    const table = decodeTable(codec);
    const ring = this.ring;
    let i = 0;
    while (i < payload.length) {
      const p = pos + i;
      const frame = Math.floor(p / FRAME_SAMPLES);
      const inFrame = p - frame * FRAME_SAMPLES;
      const n = Math.min(FRAME_SAMPLES - inFrame, payload.length - i);
      if (frame > mixed) {
        const slot = frame % RING_FRAMES;
        const base = slot * FRAME_SAMPLES;
        if (this.tags[slot] !== frame) {
          ring.fill(0, base, base + FRAME_SAMPLES);
          this.tags[slot] = frame;
        }
        const at = base + inFrame;
        for (let k = 0; k < n; k++) ring[at + k] = table[payload[i + k]];
      }
      i += n;
    }
  }

  /** Ring offset of the frame for `tick`, or -1 when nothing arrived for it (silence). */
  frameOffset(tick: number): number {
    const slot = tick % RING_FRAMES;
    return this.tags[slot] === tick ? slot * FRAME_SAMPLES : -1;
  }

  private anchor(ssrc: number, timestamp: number): void {
    this.anchored = true;
    this.anchorSsrc = ssrc;
    this.anchorTs = timestamp;
    this.anchorTick = Math.max(this.mixer.clock.currentTick(), this.mixer.lastTick) + PLAYOUT_DELAY_TICKS;
    this.lateRun = 0;
  }
}

interface ConferenceRecording {
  recorder: Recorder;
  resolve(result: RecordingResult): void;
  reject(err: Error): void;
  cleanup(): void;
  finishing: boolean;
}

let conferenceRecordings = 0;

export class RtpConference implements MediaConference {
  readonly id = randomUUID();
  readonly label: string;
  closed = false;
  private seats: ConferenceSeat[] = [];
  private readonly sum = new Int32Array(FRAME_SAMPLES);
  private readonly recordFrame = new Int16Array(FRAME_SAMPLES);
  private activeRecording: ConferenceRecording | null = null;
  private ticks = 0;
  /** Counters of participants that left, so stats() still shows them. */
  private readonly gone: Pick<ConferenceStats, 'framesHeard' | 'framesMissing' | 'latePackets'> = { framesHeard: {}, framesMissing: {}, latePackets: {} };

  constructor(
    private readonly mixer: ConferenceMixer,
    options: CreateConferenceOptions,
  ) {
    this.label = options.label ?? this.id;
  }

  get participants(): readonly MediaEndpoint[] {
    return this.seats.map((s) => s.endpoint);
  }

  async add(endpoint: MediaEndpoint): Promise<void> {
    if (this.closed) throw new MediaError('media.closed', `The conference ${this.label} is closed.`);
    const ep = endpoint as RtpEndpoint;
    if (typeof ep.sharesClock !== 'function' || !ep.sharesClock(this.mixer.clock)) {
      throw new MediaError('media.invalid_argument', 'A conference takes endpoints of the media server that created it.');
    }
    if (ep.closed) throw new MediaError('media.closed', `The endpoint ${ep.label} is closed.`);
    if (ep.conferenceSeat?.conference === this) return;
    if (this.seats.length >= MAX_CONFERENCE_PARTICIPANTS) {
      throw new MediaError('media.invalid_argument', `A conference holds at most ${MAX_CONFERENCE_PARTICIPANTS} participants.`);
    }
    if (ep.conferenceSeat) await ep.conferenceSeat.conference.remove(ep);
    await ep.unbridge();
    ep.stopPlayback();
    if (this.closed || ep.closed) throw new MediaError('media.closed', 'The conference or the endpoint closed while joining.');
    const seat = new ConferenceSeat(ep, this, this.mixer);
    ep.conferenceSeat = seat;
    ep.refreshReceiveFilter();
    this.seats.push(seat);
  }

  async remove(endpoint: MediaEndpoint): Promise<void> {
    this.detach(endpoint as RtpEndpoint);
  }

  /** Takes an endpoint out at once (also called by the endpoint when it closes). */
  detach(ep: RtpEndpoint): void {
    const i = this.seats.findIndex((s) => s.endpoint === ep);
    if (i < 0) return;
    const [seat] = this.seats.splice(i, 1);
    if (ep.conferenceSeat === seat) ep.conferenceSeat = null;
    ep.refreshReceiveFilter();
    this.gone.framesHeard[ep.id] = seat.framesHeard;
    this.gone.framesMissing[ep.id] = seat.framesMissing;
    this.gone.latePackets[ep.id] = seat.latePackets;
  }

  /** Mixes tick `tick` for every participant (called by the mixer, first in the tick). */
  mix(tick: number): void {
    this.ticks++;
    const seats = this.seats;
    const sum = this.sum;
    let voices = 0;
    for (const seat of seats) {
      const off = seat.frameOffset(tick);
      seat.mixOffset = off;
      if (off < 0) {
        seat.framesMissing++;
        continue;
      }
      seat.framesHeard++;
      const ring = seat.ring;
      if (voices++ === 0) for (let i = 0; i < FRAME_SAMPLES; i++) sum[i] = ring[off + i];
      else for (let i = 0; i < FRAME_SAMPLES; i++) sum[i] += ring[off + i];
    }
    for (const seat of seats) {
      seat.outTick = tick;
      const codec = seat.endpoint.codec;
      const own = seat.mixOffset;
      if (!codec || voices - (own >= 0 ? 1 : 0) === 0) {
        seat.outSilent = true; // nobody else spoke: the endpoint sends its cached silence frame
        continue;
      }
      seat.outSilent = false;
      const enc = encodeTable(codec);
      const out = seat.out;
      if (own >= 0) {
        const ring = seat.ring;
        for (let i = 0; i < FRAME_SAMPLES; i++) {
          const v = sum[i] - ring[own + i];
          out[i] = enc[(v > 32767 ? 32767 : v < -32768 ? -32768 : v) + 32768];
        }
      } else {
        for (let i = 0; i < FRAME_SAMPLES; i++) {
          const v = sum[i];
          out[i] = enc[(v > 32767 ? 32767 : v < -32768 ? -32768 : v) + 32768];
        }
      }
    }
    const rec = this.activeRecording;
    if (rec && !rec.finishing) {
      const frame = this.recordFrame;
      for (let i = 0; i < FRAME_SAMPLES; i++) {
        const v = voices > 0 ? sum[i] : 0;
        frame[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
      }
      rec.recorder.push(0, (tick * FRAME_SAMPLES) >>> 0, frame);
      if (rec.recorder.endReason) void this.finishRecording(rec.recorder.endReason);
    }
  }

  // ---- recording of the full mix -------------------------------------------------------------

  get recording(): boolean {
    return this.activeRecording !== null;
  }

  record(options: RecordOptions): Promise<RecordingResult> {
    try {
      if (this.closed) throw new MediaError('media.closed', `record() on a closed conference (${this.label}).`);
      throwIfAborted(options.signal, 'record');
      if (this.activeRecording) throw new MediaError('media.busy', 'This conference is already recording; stopRecording() first.');
      if (!(options.maxDurationMs > 0)) throw new MediaError('media.invalid_argument', `record() needs maxDurationMs > 0, got ${options.maxDurationMs}.`);
    } catch (err) {
      return Promise.reject(err);
    }
    const file = options.path ?? path.join(this.mixer.recordingsDir, `conference-${this.id}-${++conferenceRecordings}.wav`);
    // Silence never ends a conference recording (everyone may listen for a while): only length, stop, close.
    const recorder = new Recorder({ path: path.resolve(file), maxDurationMs: options.maxDurationMs, silenceTimeoutMs: 0, silenceThresholdDb: -45 });
    return new Promise<RecordingResult>((resolve, reject) => {
      const onAbort = (): void => {
        if (this.activeRecording !== rec) return;
        this.activeRecording = null;
        rec.cleanup();
        void rm(recorder.options.path, { force: true });
        reject(new MediaError('media.aborted', 'record was cancelled; nothing was kept'));
      };
      const rec: ConferenceRecording = { recorder, resolve, reject, cleanup: () => options.signal?.removeEventListener('abort', onAbort), finishing: false };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.activeRecording = rec;
    });
  }

  stopRecording(): void {
    void this.finishRecording('stopped');
  }

  private async finishRecording(reason: RecordingResult['reason']): Promise<void> {
    const rec = this.activeRecording;
    if (!rec || rec.finishing) return;
    rec.finishing = true;
    this.activeRecording = null;
    rec.cleanup();
    const finalReason = rec.recorder.endReason ?? reason;
    try {
      rec.resolve({ ...(await rec.recorder.write()), reason: finalReason });
    } catch (err) {
      rec.reject(err as Error);
    }
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  stats(): ConferenceStats {
    const framesHeard = { ...this.gone.framesHeard };
    const framesMissing = { ...this.gone.framesMissing };
    const latePackets = { ...this.gone.latePackets };
    for (const s of this.seats) {
      framesHeard[s.endpoint.id] = s.framesHeard;
      framesMissing[s.endpoint.id] = s.framesMissing;
      latePackets[s.endpoint.id] = s.latePackets;
    }
    return { participants: this.seats.length, ticks: this.ticks, framesHeard, framesMissing, latePackets };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const seat of [...this.seats]) this.detach(seat.endpoint);
    this.mixer.detach(this);
    await this.finishRecording('closed');
  }
}

/** The server's one mixer: a clock stream run first in each tick, mixing every conference. */
export class ConferenceMixer implements ClockStream {
  /** The last tick mixed: packets for it or before are late. */
  lastTick: number;
  private readonly conferences = new Set<RtpConference>();
  /** Time to mix all conferences, per tick (ms). */
  readonly tickTime = new DeviationHistogram();
  private busyMs = 0;
  private ticks = 0;
  private readonly fineTimes = new Float64Array(4096);

  constructor(
    readonly clock: MediaClock,
    readonly recordingsDir: string,
  ) {
    this.lastTick = clock.currentTick() - 1;
  }

  create(options: CreateConferenceOptions = {}): RtpConference {
    const conf = new RtpConference(this, options);
    if (this.conferences.size === 0) {
      this.lastTick = Math.max(this.lastTick, this.clock.currentTick() - 1);
      this.clock.add(this, { first: true });
    }
    this.conferences.add(conf);
    return conf;
  }

  detach(conf: RtpConference): void {
    this.conferences.delete(conf);
    if (this.conferences.size === 0) this.clock.remove(this);
  }

  onTick(tick: number): void {
    const t0 = performance.now();
    for (const conf of this.conferences) conf.mix(tick);
    this.lastTick = tick;
    const dt = performance.now() - t0;
    this.tickTime.record(dt);
    this.fineTimes[this.ticks % this.fineTimes.length] = dt;
    this.busyMs += dt;
    this.ticks++;
  }

  /**
   * Mix cost: ticks run, mean and percentiles of the time per tick (all conferences), in µs
   * (the histogram's 50 µs buckets are too coarse for a few conferences, so the percentiles
   * come from the last 4096 ticks' exact times).
   */
  stats(): { conferences: number; ticks: number; meanUs: number; p50Us: number; p99Us: number; maxUs: number; histogram: PacingStats } {
    const n = Math.min(this.ticks, this.fineTimes.length);
    const sorted = Float64Array.from(this.fineTimes.subarray(0, n)).sort();
    const at = (p: number): number => (n === 0 ? 0 : Math.round(sorted[Math.min(n - 1, Math.ceil((p / 100) * n) - 1)] * 1000));
    return {
      conferences: this.conferences.size,
      ticks: this.ticks,
      meanUs: this.ticks ? Math.round((this.busyMs / this.ticks) * 1000) : 0,
      p50Us: at(50),
      p99Us: at(99),
      maxUs: n ? Math.round(sorted[n - 1] * 1000) : 0,
      histogram: this.tickTime.stats(),
    };
  }

  resetStats(): void {
    this.tickTime.reset();
    this.busyMs = 0;
    this.ticks = 0;
  }

  async close(): Promise<void> {
    await Promise.all([...this.conferences].map((c) => c.close()));
  }
}
