// Counts failures per key (an address, an account, an account+address pair) with a growing lock:
// the `free`-th failure locks the key for `base`, each further one doubles it (capped), i.e.
// `free` tries, then a wait. Failures are forgotten `forgetAfterMs` after the last
// one. Memory is bounded: at most `maxKeys` keys, the least recently touched one is dropped
// first (a Map keeps insertion order; touching a key re-inserts it).

export interface LockRule {
  /** Failures before the first lock (the lock starts with this one). */
  free: number;
  /** The first lock, in milliseconds; it doubles with each further failure. */
  baseLockMs: number;
  maxLockMs: number;
  forgetAfterMs: number;
}

interface Entry {
  failures: number;
  lastFailure: number;
  lockedUntil: number;
}

export class FailureCounter {
  private readonly entries = new Map<string, Entry>();
  private evicted = 0;

  constructor(
    readonly name: string,
    private readonly maxKeys: number,
    private readonly now: () => number = Date.now,
  ) {}

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    return entry;
  }

  /** Milliseconds the key is still locked for (0 when it may try). */
  lockedFor(key: string): number {
    const entry = this.live(key);
    return entry ? Math.max(0, entry.lockedUntil - this.now()) : 0;
  }

  /** Failures currently remembered for the key. */
  failures(key: string, rule: Pick<LockRule, 'forgetAfterMs'>): number {
    const entry = this.live(key);
    if (!entry || this.now() - entry.lastFailure > rule.forgetAfterMs) return 0;
    return entry.failures;
  }

  /** Records a failure; returns the lock it starts (0 when still within the free failures). */
  fail(key: string, rule: LockRule): number {
    const now = this.now();
    const previous = this.entries.get(key);
    const failures = (previous && now - previous.lastFailure <= rule.forgetAfterMs ? previous.failures : 0) + 1;
    const over = failures - rule.free + 1;
    const lockMs = over > 0 ? Math.min(rule.maxLockMs, rule.baseLockMs * 2 ** Math.min(over - 1, 30)) : 0;
    this.entries.delete(key);
    this.entries.set(key, { failures, lastFailure: now, lockedUntil: lockMs ? now + lockMs : 0 });
    this.bound();
    return lockMs;
  }

  /** Forgets the key (after a success). */
  clear(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private bound(): void {
    while (this.entries.size > this.maxKeys) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
      // Said once per thousand, so a flood does not flood the log as well.
      if (this.evicted++ % 1000 === 0) console.warn(`auth: ${this.name} limiter is full (${this.maxKeys} keys); forgetting the oldest`);
    }
  }
}

/** A bounded set of recent keys (e.g. account+address pairs that signed in), oldest dropped first. */
export class RecentSet {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly maxKeys: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  add(key: string): void {
    this.seen.delete(key);
    this.seen.set(key, this.now());
    while (this.seen.size > this.maxKeys) this.seen.delete(this.seen.keys().next().value as string);
  }

  has(key: string): boolean {
    const at = this.seen.get(key);
    return at !== undefined && this.now() - at <= this.ttlMs;
  }
}
