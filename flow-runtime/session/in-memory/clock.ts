// A fake clock for tests and benches: time moves only when advance() is called.
import type { Clock, Random } from '../ports';

export class FakeClock implements Clock {
  private time: number;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; fire: () => void }>();

  constructor(start = Date.parse('2025-01-14T09:00:00Z')) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimer(ms: number, fire: () => void): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.time + Math.max(0, ms), fire });
    return id;
  }

  clearTimer(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, firing due timers in order and letting promise callbacks run in between. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    await flush();
    for (;;) {
      let nextId: number | null = null;
      let next: { at: number; fire: () => void } | null = null;
      for (const [id, timer] of this.timers) if (timer.at <= target && (!next || timer.at < next.at || (timer.at === next.at && id < (nextId as number)))) [nextId, next] = [id, timer];
      if (!next || nextId === null) break;
      this.timers.delete(nextId);
      this.time = next.at;
      next.fire();
      await flush();
    }
    this.time = target;
    await flush();
  }
}

/** Lets pending promise callbacks run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Deterministic seeds: 1, 2, 3… (or a fixed list). */
export class SequenceRandom implements Random {
  private index = 0;
  constructor(private readonly seeds: number[] = []) {}
  seed(): number {
    const seed = this.seeds.length > 0 ? this.seeds[this.index % this.seeds.length] : this.index + 1;
    this.index += 1;
    return seed;
  }
}
