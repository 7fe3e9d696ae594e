// A durable outbox for database writes: records are queued in memory, written in order per
// key (one call's rows never overtake each other), retried with backoff while the database is
// unreachable, and never silently dropped:
//   1. enqueue() appends the op to its key's queue and wakes the pump;
//   2. the pump runs the head of up to `concurrency` keys; success removes it, a transient
//      failure pauses every key for a growing delay (one outage, one backoff), a permanent
//      failure (the row itself is refused) is retried `permanentAttempts` times, then written
//      to dead-letter.jsonl with the error and reported;
//   3. while the database fails and more than `maxQueued` ops wait, everything but each key's
//      head is spilled to a JSON-lines file, and later ops go to that file too (order kept);
//      once the heads are written the files are replayed into memory;
//   4. a write that does not settle within opTimeoutMs counts as a transient failure (step 2);
//   5. start() replays files left by an earlier run; close() flushes for a while, then spills
//      what is left. A file is deleted only when every op read from it is written or re-spilled.
// Ops must be idempotent (a write can succeed while its reply is lost): executors use client
// ids with skipDuplicates or plain updates.
import { EventEmitter } from 'node:events';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';

export interface OutboxOp {
  id: string;
  /** Ops with one key are written in enqueue order (a call id). */
  key: string;
  kind: string;
  /** JSON-safe payload (the same in memory and in a spill file). */
  data: unknown;
}

interface Entry extends OutboxOp {
  /** Enqueue order across runs (ms × 1000 + counter): replay sorts by it, whatever file an op is in. */
  ord: number;
  failures: number;
  /** The spill file this op was replayed from, if any. */
  src?: string;
}

export interface OutboxOptions {
  execute(op: OutboxOp): Promise<void>;
  /** True when retrying cannot help (constraint or validation error); default: never. */
  isPermanent?(err: unknown): boolean;
  /** Where spill files and dead-letter.jsonl live (created when needed). */
  dir: string;
  maxQueued?: number;
  concurrency?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  permanentAttempts?: number;
  /**
   * A write that has not settled after this long counts as a transient failure (a database that
   * accepts connections but never answers): it is retried, and the outage backoff and spilling
   * apply. The first try may still land later; writes are idempotent. Default 15 s.
   */
  opTimeoutMs?: number;
  logger?: Logger;
}

/** A write that did not settle within `opTimeoutMs`. */
export class OutboxTimeoutError extends Error {
  readonly code = 'outbox_write_timeout';
  constructor(kind: string, ms: number) {
    super(`${kind}: no answer from the database within ${ms} ms`);
  }
}

export interface OutboxEvents {
  written: [OutboxOp];
  retry: [OutboxOp, unknown, number];
  spilled: [string, number];
  replayed: [string, number];
  dead: [OutboxOp, unknown];
  drained: [];
}

export class Outbox extends EventEmitter<OutboxEvents> {
  private readonly queues = new Map<string, Entry[]>();
  private readonly running = new Set<string>();
  private queued = 0;
  private pausedUntil = 0;
  private consecutiveFailures = 0;
  private wakeTimer: NodeJS.Timeout | undefined;
  /** The file later ops are appended to while spilling, else null. */
  private spillFile: string | null = null;
  /** Replayed files → ops from them not yet written. */
  private readonly replayed = new Map<string, number>();
  private spillSeq = 0;
  private lastOrd = 0;
  private closed = false;
  /** flush() calls waiting for the queue to drain (each removes itself when woken or timed out). */
  private readonly drainWaiters = new Set<() => void>();
  private readonly maxQueued: number;
  private readonly concurrency: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly permanentAttempts: number;
  private readonly opTimeoutMs: number;

  constructor(private readonly opts: OutboxOptions) {
    super();
    this.maxQueued = opts.maxQueued ?? 10_000;
    this.concurrency = opts.concurrency ?? 4;
    this.baseDelayMs = opts.baseDelayMs ?? 200;
    this.maxDelayMs = opts.maxDelayMs ?? 10_000;
    this.permanentAttempts = opts.permanentAttempts ?? 3;
    this.opTimeoutMs = opts.opTimeoutMs ?? 15_000;
  }

  /** Ops waiting in memory or in spill files not yet replayed (approximate for files). */
  get pending(): number {
    return this.queued;
  }

  get spilling(): boolean {
    return this.spillFile !== null;
  }

  /** Replays spill files an earlier run left behind. */
  start(): void {
    this.replaySpillFiles();
    this.pump();
  }

  enqueue(op: OutboxOp): void {
    if (this.closed) throw new Error('outbox closed: the runtime is shutting down');
    this.lastOrd = Math.max(Date.now() * 1000, this.lastOrd + 1);
    const entry: Entry = { ...op, ord: this.lastOrd, failures: 0 };
    if (this.spillFile) {
      this.appendLines(this.spillFile, [entry]);
      return;
    }
    this.push(entry);
    if (this.queued > this.maxQueued && this.consecutiveFailures > 0) this.spill();
    this.pump();
  }

  /** Resolves true when everything is written, false when `timeoutMs` passes first. */
  async flush(timeoutMs = 10_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.queued > 0 || this.spillFile || this.running.size > 0) {
      if (Date.now() >= deadline) return false;
      // One waiter per flush in a set (not an event listener per turn): a flush that waits long
      // while the database is down, or many flushes at once, add no listeners to the emitter.
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(t);
          this.drainWaiters.delete(wake);
          resolve();
        };
        const t = setTimeout(wake, Math.min(100, Math.max(1, deadline - Date.now())));
        this.drainWaiters.add(wake);
      });
    }
    return true;
  }

  /** Flushes for up to `timeoutMs`, then spills what is left; no enqueue afterwards. */
  async close(timeoutMs = 5_000): Promise<void> {
    await this.flush(timeoutMs);
    this.closed = true;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    // ops still running finish (or fail) first; then the rest is saved
    const start = Date.now();
    while (this.running.size > 0 && Date.now() - start < 2_000) await new Promise((r) => setTimeout(r, 20));
    if (this.queued > 0) this.spill(true);
    this.spillFile = null;
  }

  private push(entry: Entry): void {
    let q = this.queues.get(entry.key);
    if (!q) this.queues.set(entry.key, (q = []));
    q.push(entry);
    this.queued++;
  }

  private pump(): void {
    if (this.closed) return;
    const now = Date.now();
    if (now < this.pausedUntil) {
      this.wakeAt(this.pausedUntil);
      return;
    }
    for (const [key, q] of this.queues) {
      if (this.running.size >= this.concurrency) break;
      if (this.running.has(key) || q.length === 0) continue;
      this.run(key, q[0]);
    }
    if (this.queued === 0 && this.running.size === 0) {
      if (this.spillFile) {
        // every head was written: the database is back, read the spilled ops in again
        this.spillFile = null;
        this.replaySpillFiles();
        if (this.queued > 0) return this.pump();
      }
      for (const wake of [...this.drainWaiters]) wake();
      this.emit('drained');
    }
  }

  private wakeAt(at: number): void {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = undefined;
      this.pump();
    }, Math.max(0, at - Date.now()));
  }

  private run(key: string, entry: Entry): void {
    this.running.add(key);
    this.executeWithin(entry)
      .then(
        () => {
          this.consecutiveFailures = 0;
          this.done(key, entry);
          this.emit('written', entry);
        },
        (err: unknown) => {
          entry.failures++;
          const permanent = this.opts.isPermanent?.(err) ?? false;
          if (permanent && entry.failures >= this.permanentAttempts) {
            this.deadLetter(entry, err);
            this.done(key, entry);
            return;
          }
          if (!permanent) this.consecutiveFailures++;
          const delay = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(16, (permanent ? entry.failures : this.consecutiveFailures) - 1));
          this.pausedUntil = Math.max(this.pausedUntil, Date.now() + delay);
          this.opts.logger?.warn({ err, kind: entry.kind, key, failures: entry.failures, delayMs: delay }, 'records: write failed, will retry');
          this.emit('retry', entry, err, delay);
        },
      )
      .finally(() => {
        this.running.delete(key);
        this.pump();
      });
  }

  private executeWithin(entry: Entry): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new OutboxTimeoutError(entry.kind, this.opTimeoutMs)), this.opTimeoutMs);
      this.opts.execute(entry).then(resolve, reject).finally(() => clearTimeout(timer));
    });
  }

  private done(key: string, entry: Entry): void {
    const q = this.queues.get(key);
    if (q && q[0] === entry) q.shift();
    if (q && q.length === 0) this.queues.delete(key);
    this.queued--;
    this.released(entry);
  }

  /** An op read from a replayed file has been written or saved elsewhere. */
  private released(entry: Entry): void {
    if (!entry.src) return;
    const left = (this.replayed.get(entry.src) ?? 1) - 1;
    if (left > 0) this.replayed.set(entry.src, left);
    else {
      this.replayed.delete(entry.src);
      rmSync(entry.src, { force: true });
    }
  }

  /** Moves queued ops to a new spill file; each key's head stays unless `all`. */
  private spill(all = false): void {
    mkdirSync(this.opts.dir, { recursive: true });
    const file = path.join(this.opts.dir, `spill-${Date.now()}-${process.pid}-${String(this.spillSeq++).padStart(4, '0')}.jsonl`);
    const moved: Entry[] = [];
    for (const [key, q] of this.queues) {
      const keep = !all && q.length > 0 ? 1 : 0;
      moved.push(...q.splice(keep));
      if (q.length === 0) this.queues.delete(key);
    }
    if (moved.length === 0) return;
    this.appendLines(file, moved);
    this.queued -= moved.length;
    for (const e of moved) this.released(e);
    this.spillFile = file;
    this.opts.logger?.warn({ file, ops: moved.length }, 'records: database unavailable, queue spilled to disk');
    this.emit('spilled', file, moved.length);
  }

  private appendLines(file: string, ops: (OutboxOp & { ord?: number })[]): void {
    mkdirSync(path.dirname(file), { recursive: true });
    appendFileSync(file, ops.map((o) => JSON.stringify({ id: o.id, key: o.key, kind: o.kind, ord: o.ord, data: o.data }) + '\n').join(''));
  }

  private replaySpillFiles(): void {
    let files: string[];
    try {
      files = readdirSync(this.opts.dir).filter((f) => f.startsWith('spill-') && f.endsWith('.jsonl')).sort();
    } catch {
      return;
    }
    const batch: Entry[] = [];
    for (const name of files) {
      const file = path.join(this.opts.dir, name);
      if (this.replayed.has(file)) continue;
      const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
      let count = 0;
      for (const line of lines) {
        try {
          const op = JSON.parse(line) as Entry;
          batch.push({ ...op, ord: op.ord ?? 0, failures: 0, src: file });
          this.lastOrd = Math.max(this.lastOrd, op.ord ?? 0);
          count++;
        } catch {
          // a line cut short by a crash mid-write: keep it for a human
          this.appendLines(path.join(this.opts.dir, 'dead-letter.jsonl'), [{ id: 'unreadable', key: '', kind: 'unreadable-line', data: line }]);
        }
      }
      if (count === 0) rmSync(file, { force: true });
      else this.replayed.set(file, count);
      this.opts.logger?.info({ file, ops: count }, 'records: replaying spilled writes');
      this.emit('replayed', file, count);
    }
    // heads kept in memory while spilling are older than the file they end up in at shutdown
    batch.sort((x, y) => x.ord - y.ord);
    for (const e of batch) this.push(e);
  }

  private deadLetter(entry: Entry, err: unknown): void {
    const file = path.join(this.opts.dir, 'dead-letter.jsonl');
    mkdirSync(this.opts.dir, { recursive: true });
    appendFileSync(file, JSON.stringify({ id: entry.id, key: entry.key, kind: entry.kind, data: entry.data, error: String((err as Error)?.message ?? err), at: new Date().toISOString() }) + '\n');
    this.opts.logger?.error({ err, kind: entry.kind, key: entry.key, file }, 'records: write refused by the database, kept in dead-letter file');
    this.emit('dead', entry, err);
  }
}
