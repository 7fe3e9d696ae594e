// One shared 20 ms scheduler for every endpoint of the process.
//
// Tick n is due at t0 + n × 20 ms, t0 being a monotonic performance.now() reading: each wake-up
// is computed from the grid, never by chaining setTimeout(20), so lateness never accumulates.
// One timer serves all endpoints (a single wake-up sends every stream's packet for the tick),
// which keeps the number of timers and wake-ups independent of the number of calls.
//
// On each wake-up:
//   1. if the next tick is not due yet (woken early), sleep again until it is;
//   2. if more than MAX_CATCH_UP ticks are overdue (process stalled), drop the oldest: streams
//      see a gap in RTP timestamps (like loss) instead of a burst of stale audio;
//   3. run the due ticks in order (for at most MAX_RUN_MS, then yield to the event loop),
//      calling each stream's onTick(tick, due);
//   4. sleep until the next tick's due time.
import { DeviationHistogram } from './deviation-histogram';
import { FRAME_MS } from './g711';

export interface ClockStream {
  /** Send this stream's packet for grid tick `tick`, due at performance.now() time `due`. */
  onTick(tick: number, due: number): void;
}

const MAX_CATCH_UP = 3;
/** Longest a wake-up keeps running ticks before it yields to the event loop. */
const MAX_RUN_MS = MAX_CATCH_UP * FRAME_MS;
/** A wake-up this close before the due time counts as on time (libuv timers have 1 ms resolution). */
const EARLY_TOLERANCE_MS = 0.5;

export class MediaClock {
  readonly t0 = performance.now();
  private nextTick = 0;
  private streams = new Set<ClockStream>();
  /** Streams run before the others in each tick (the conference mixer prepares frames the endpoints then send). */
  private firstStreams = new Set<ClockStream>();
  private timer: NodeJS.Timeout | null = null;
  /** Ticks dropped because the event loop was blocked for more than MAX_CATCH_UP ticks. */
  droppedTicks = 0;
  /**
   * How late each tick started (wake-up lateness: timer resolution, other processes, a busy
   * event loop). A packet's send deviation is this plus its place in the tick's sending order.
   */
  readonly wakeLateness = new DeviationHistogram();
  /** performance.now() when the tick being run started (for measuring the spread of sends inside a tick). */
  tickStartedAt = 0;

  add(stream: ClockStream, options: { first?: boolean } = {}): void {
    (options.first ? this.firstStreams : this.streams).add(stream);
    if (!this.timer) {
      this.nextTick = Math.max(this.nextTick, Math.ceil((performance.now() - this.t0) / FRAME_MS));
      this.schedule();
    }
  }

  remove(stream: ClockStream): void {
    this.streams.delete(stream);
    this.firstStreams.delete(stream);
    if (this.streams.size === 0 && this.firstStreams.size === 0 && this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  /** The grid tick that is current now (for timestamps of unpaced packets such as relayed media). */
  currentTick(): number {
    return Math.floor((performance.now() - this.t0) / FRAME_MS);
  }

  dueTime(tick: number): number {
    return this.t0 + tick * FRAME_MS;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.streams.clear();
    this.firstStreams.clear();
  }

  private schedule(): void {
    const delay = this.dueTime(this.nextTick) - performance.now();
    this.timer = setTimeout(this.run, Math.max(0, Math.round(delay)));
  }

  private run = (): void => {
    this.timer = null;
    const now = performance.now();
    if (now < this.dueTime(this.nextTick) - EARLY_TOLERANCE_MS) return this.schedule();
    const overdue = Math.floor((now - this.dueTime(this.nextTick)) / FRAME_MS) + 1;
    if (overdue > MAX_CATCH_UP) {
      this.droppedTicks += overdue - MAX_CATCH_UP;
      this.nextTick += overdue - MAX_CATCH_UP;
    }
    // Ticks that come due while running are run too, but for at most MAX_RUN_MS per wake-up:
    // when a tick costs more than 20 ms (the process starved of CPU), looping until caught up
    // would never return to the event loop (no receiving, no signalling, no other timer); the
    // next wake-up drops what is then still overdue.
    for (let ran = 0; this.dueTime(this.nextTick) <= performance.now() + EARLY_TOLERANCE_MS && (ran === 0 || performance.now() - now < MAX_RUN_MS); ran++) {
      const tick = this.nextTick++;
      const due = this.dueTime(tick);
      this.tickStartedAt = performance.now();
      this.wakeLateness.record(this.tickStartedAt - due);
      for (const s of this.firstStreams) this.runStream(s, tick, due);
      for (const s of this.streams) this.runStream(s, tick, due);
      if (this.streams.size === 0 && this.firstStreams.size === 0) return;
    }
    this.schedule();
  };

  private runStream(s: ClockStream, tick: number, due: number): void {
    try {
      s.onTick(tick, due);
    } catch {
      // A stream's failure must not stop the others; streams report their own errors.
    }
  }
}
