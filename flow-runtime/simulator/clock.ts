// The simulator's clock: simulated time that moves only when the simulator fires the next
// timer (timeouts are fast-forwarded, never waited). Browser-safe (no setImmediate, no
// node: imports). Timers are tagged: `call` (the interpreter's, set through the session) or
// `port` (a simulated prompt, ring, recording or answer finishing).
import type { Clock } from '../session/ports';

export type TimerTag = 'call' | 'port';

interface Timer {
  id: number;
  at: number;
  tag: TimerTag;
  fire: () => void;
}

export class SimClock implements Clock {
  private time: number;
  private seq = 0;
  private readonly timers = new Map<number, Timer>();

  constructor(start: number) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  /** The session's timers (startTimer effects). */
  setTimer(ms: number, fire: () => void): unknown {
    return this.schedule(ms, fire, 'call');
  }

  clearTimer(handle: unknown): void {
    if (typeof handle === 'number') this.timers.delete(handle);
  }

  schedule(ms: number, fire: () => void, tag: TimerTag): number {
    const id = ++this.seq;
    this.timers.set(id, { id, at: this.time + Math.max(0, Math.round(ms)), tag, fire });
    return id;
  }

  /** The earliest pending timer (ties: the one set first), optionally of one tag. */
  next(tag?: TimerTag): { at: number; tag: TimerTag } | null {
    let best: Timer | null = null;
    for (const timer of this.timers.values()) {
      if (tag !== undefined && timer.tag !== tag) continue;
      if (!best || timer.at < best.at || (timer.at === best.at && timer.id < best.id)) best = timer;
    }
    return best ? { at: best.at, tag: best.tag } : null;
  }

  has(tag: TimerTag): boolean {
    for (const timer of this.timers.values()) if (timer.tag === tag) return true;
    return false;
  }

  get pending(): number {
    return this.timers.size;
  }

  /** Moves time to the earliest timer (of `tag` if given) and fires it; false when there is none. */
  fireNext(tag?: TimerTag): boolean {
    let best: Timer | null = null;
    for (const timer of this.timers.values()) {
      if (tag !== undefined && timer.tag !== tag) continue;
      if (!best || timer.at < best.at || (timer.at === best.at && timer.id < best.id)) best = timer;
    }
    if (!best) return false;
    this.timers.delete(best.id);
    this.time = Math.max(this.time, best.at);
    best.fire();
    return true;
  }

  clearAll(): void {
    this.timers.clear();
  }
}
