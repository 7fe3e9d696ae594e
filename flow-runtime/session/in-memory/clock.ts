// A fake clock for tests and benches: time moves only when advance() is called.
import type { Clock, Random } from '../ports';

export class FakeClock implements Clock {
  private time: number;
  private seq = 0;
  /** Min-heap of [at, id]; cancelled timers are skipped lazily. */
  private heap: Array<[number, number]> = [];
  private readonly timers = new Map<number, () => void>();

  constructor(start = Date.parse('2025-01-14T09:00:00Z')) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimer(ms: number, fire: () => void): unknown {
    const id = ++this.seq;
    this.timers.set(id, fire);
    this.push([this.time + Math.max(0, ms), id]);
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
      const due: Array<() => void> = [];
      // Fire every timer due at the same instant together, then let the promises settle.
      const top = this.heap[0];
      if (!top || top[0] > target) break;
      const at = top[0];
      while (this.heap.length > 0 && this.heap[0][0] === at) {
        const [, id] = this.pop();
        const fire = this.timers.get(id);
        if (!fire) continue;
        this.timers.delete(id);
        due.push(fire);
      }
      this.time = Math.max(this.time, at);
      for (const fire of due) fire();
      if (due.length > 0) await flush();
    }
    this.time = target;
    await flush();
  }

  private push(item: [number, number]): void {
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (less(heap[parent], heap[i])) break;
      [heap[parent], heap[i]] = [heap[i], heap[parent]];
      i = parent;
    }
  }

  private pop(): [number, number] {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop() as [number, number];
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        if (l < heap.length && less(heap[l], heap[smallest])) smallest = l;
        if (r < heap.length && less(heap[r], heap[smallest])) smallest = r;
        if (smallest === i) break;
        [heap[smallest], heap[i]] = [heap[i], heap[smallest]];
        i = smallest;
      }
    }
    return top;
  }
}

function less(a: [number, number], b: [number, number]): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
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
