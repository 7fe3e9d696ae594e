// One shared 20 ms scheduler for every endpoint of the process.
//
// Each stream sits on its own 20 ms grid, t0 + n × 20 ms + phase × 2 ms: the 20 ms frame period
// is cut into PHASES slots of 2 ms, and each stream is given, once, the slot that has the fewest
// streams now (it keeps it when it leaves and comes back). A receiver only sees its own stream's
// intervals (20 ms), so the phase is invisible to it; what it changes is ours: with every stream
// on one grid, the thousandth packet of a tick went out ~6 ms after the first (a system call per
// packet, one after the other), and that spread was most of the RTP send deviation at 1,000
// calls. Spread over 10 slots, a slot sends a tenth of the packets.
// Each wake-up is computed from the grid, never by chaining setTimeout(20), so lateness never
// accumulates. One timer serves all streams, and slots without a stream are not woken for.
//
// On each wake-up:
//   1. if the next slot is not due yet (woken early), sleep again until it is;
//   2. if more than MAX_CATCH_UP ticks (of slots) are overdue (process stalled), drop the oldest:
//      streams see a gap in RTP timestamps (like loss) instead of a burst of stale audio;
//   3. run the due slots in order (for at most MAX_RUN_MS, then yield to the event loop), calling
//      each of the slot's streams' onTick(tick, due) — the "first" streams (the conference mixer)
//      before anything else in each tick, in slot 0;
//   4. sleep until the next slot that has a stream.
import { DeviationHistogram } from './deviation-histogram';
import { FRAME_MS } from './g711';

export interface ClockStream {
  /** Send this stream's packet for grid tick `tick`, due at performance.now() time `due`. */
  onTick(tick: number, due: number): void;
}

/** Slots per 20 ms tick. */
export const PHASES = 10;
/** Length of a slot: 2 ms. */
export const SLOT_MS = FRAME_MS / PHASES;
const MAX_CATCH_UP = 3;
/** Longest a wake-up keeps running slots before it yields to the event loop. */
const MAX_RUN_MS = MAX_CATCH_UP * FRAME_MS;
/** A wake-up this close before the due time counts as on time (libuv timers have 1 ms resolution). */
const EARLY_TOLERANCE_MS = 0.5;

export class MediaClock {
  readonly t0 = performance.now();
  /** The next slot to run: tick × PHASES + phase. */
  private nextSlot = 0;
  private readonly phases: Set<ClockStream>[] = Array.from({ length: PHASES }, () => new Set<ClockStream>());
  /** Streams run before the others in each tick, in slot 0 (the conference mixer prepares frames the endpoints then send). */
  private readonly firstStreams = new Set<ClockStream>();
  /** Each stream's phase, kept when it leaves so that it comes back on the same grid. */
  private readonly phaseOf = new WeakMap<ClockStream, number>();
  private timer: NodeJS.Timeout | null = null;
  private droppedSlots = 0;
  /**
   * How late each slot started (wake-up lateness: timer resolution, other processes, a busy
   * event loop). A packet's send deviation is this plus its place in the slot's sending order.
   */
  readonly wakeLateness = new DeviationHistogram();
  /** performance.now() when the slot being run started (for measuring the spread of sends inside a slot). */
  tickStartedAt = 0;

  /** Ticks' worth of grid dropped because the event loop was blocked for more than MAX_CATCH_UP ticks. */
  get droppedTicks(): number {
    return Math.ceil(this.droppedSlots / PHASES);
  }

  add(stream: ClockStream, options: { first?: boolean } = {}): void {
    if (options.first) this.firstStreams.add(stream);
    else {
      let phase = this.phaseOf.get(stream);
      if (phase === undefined) {
        phase = 0;
        for (let p = 1; p < PHASES; p++) if (this.phases[p].size < this.phases[phase].size) phase = p;
        this.phaseOf.set(stream, phase);
      }
      this.phases[phase].add(stream);
    }
    if (!this.timer) {
      this.nextSlot = Math.max(this.nextSlot, Math.ceil((performance.now() - this.t0) / SLOT_MS));
      this.schedule();
    }
  }

  remove(stream: ClockStream): void {
    this.firstStreams.delete(stream);
    const phase = this.phaseOf.get(stream);
    if (phase !== undefined) this.phases[phase].delete(stream);
    if (this.isEmpty() && this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  /** The phase (0 … PHASES-1) a stream was given: its grid is t0 + n × 20 ms + phase × SLOT_MS. */
  phase(stream: ClockStream): number | undefined {
    return this.phaseOf.get(stream);
  }

  /** The grid tick that is current now (for timestamps of unpaced packets such as relayed media). */
  currentTick(): number {
    return Math.floor((performance.now() - this.t0) / FRAME_MS);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.firstStreams.clear();
    for (const p of this.phases) p.clear();
  }

  private slotDue(slot: number): number {
    return this.t0 + slot * SLOT_MS;
  }

  private isEmpty(): boolean {
    return this.firstStreams.size === 0 && this.phases.every((p) => p.size === 0);
  }

  private slotHasStreams(slot: number): boolean {
    const phase = slot % PHASES;
    return this.phases[phase].size > 0 || (phase === 0 && this.firstStreams.size > 0);
  }

  /** Sleeps until the next slot that has a stream (nothing runs in the empty ones). */
  private schedule(): void {
    let k = 0;
    while (k < PHASES && !this.slotHasStreams(this.nextSlot + k)) k++;
    if (k === PHASES) return; // no stream left
    this.nextSlot += k;
    const delay = this.slotDue(this.nextSlot) - performance.now();
    this.timer = setTimeout(this.run, Math.max(0, Math.round(delay)));
  }

  private run = (): void => {
    this.timer = null;
    const now = performance.now();
    if (now < this.slotDue(this.nextSlot) - EARLY_TOLERANCE_MS) return this.schedule();
    const overdue = Math.floor((now - this.slotDue(this.nextSlot)) / SLOT_MS) + 1;
    if (overdue > MAX_CATCH_UP * PHASES) {
      this.droppedSlots += overdue - MAX_CATCH_UP * PHASES;
      this.nextSlot += overdue - MAX_CATCH_UP * PHASES;
    }
    // Slots that come due while running are run too, but for at most MAX_RUN_MS per wake-up:
    // when a tick costs more than 20 ms (the process starved of CPU), looping until caught up
    // would never return to the event loop (no receiving, no signalling, no other timer); the
    // next wake-up drops what is then still overdue.
    for (let ran = 0; this.slotDue(this.nextSlot) <= performance.now() + EARLY_TOLERANCE_MS && (ran === 0 || performance.now() - now < MAX_RUN_MS); ) {
      const slot = this.nextSlot++;
      if (!this.slotHasStreams(slot)) continue;
      ran++;
      const tick = Math.floor(slot / PHASES);
      const phase = slot - tick * PHASES;
      const due = this.slotDue(slot);
      this.tickStartedAt = performance.now();
      this.wakeLateness.record(this.tickStartedAt - due);
      if (phase === 0) for (const s of this.firstStreams) this.runStream(s, tick, due);
      for (const s of this.phases[phase]) this.runStream(s, tick, due);
      if (this.isEmpty()) return;
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
