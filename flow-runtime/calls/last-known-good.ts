// Last-known-good answers for the lookups a new call needs (number → route, flow → latest
// published version, organisation → call context), so calls keep being answered while the
// database is unreachable:
//   1. every lookup runs against the database with a time limit (2 s by default: a database
//      that does not answer must not leave the caller in silence);
//   2. a result (including "not found") is kept under its key, replacing the previous one;
//   3. a connection error or the time limit → the kept result is served, and `outage` is
//      emitted once (the first stale answer of an outage; `recovered` at the next success);
//      during the outage known keys are answered at once while one refresh per key runs;
//      nothing kept → DatabaseUnavailableError (the INVITE gets 503 with Retry-After);
//   4. any other error (the row itself is refused, an invalid flow) is thrown as it is.
import { EventEmitter } from 'node:events';

/** The database could not answer and no earlier answer is known. */
export class DatabaseUnavailableError extends Error {
  readonly code = 'db_unavailable';
  constructor(what: string, readonly cause: unknown) {
    super(`database unavailable (${what}): ${(cause as Error)?.message ?? String(cause)}`);
  }
}

/** A lookup that took longer than its limit. */
export class LookupTimeoutError extends Error {
  readonly code = 'db_lookup_timeout';
  constructor(what: string, ms: number) {
    super(`${what}: no answer from the database within ${ms} ms`);
  }
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

/** True when the database could not be reached or did not answer (not when it refused the query). */
export function isConnectionError(err: unknown): boolean {
  if (err instanceof LookupTimeoutError || err instanceof DatabaseUnavailableError) return true;
  const e = err as { name?: string; code?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: string } } } };
  if (!e || typeof e !== 'object') return false;
  if (e.name === 'PrismaClientInitializationError' || e.name === 'PrismaClientRustPanicError') return true;
  if (typeof e.code === 'string') {
    // P1xxx: server unreachable, timed out, closed the connection; P2024: no pool connection in time
    if (/^P1\d{3}$/.test(e.code) || e.code === 'P2024') return true;
    if (NETWORK_CODES.has(e.code)) return true;
  }
  const kind = e.meta?.driverAdapterError?.cause?.kind;
  if (kind === 'DatabaseNotReachable' || kind === 'ConnectionClosed' || kind === 'SocketTimeout' || kind === 'TlsConnectionError') return true;
  if (typeof e.message === 'string' && /connection terminated|connection (was )?closed|connect ECONNREFUSED|can't reach database|timeout exceeded when trying to connect|server closed the connection/i.test(e.message)) return true;
  return e.cause !== undefined && e.cause !== err && isConnectionError(e.cause);
}

export interface LastKnownGoodEvents {
  /** The first stale answer of an outage (logged once per outage). */
  outage: [{ what: string; key: string; err: unknown }];
  /** A lookup succeeded again after an outage. */
  recovered: [{ staleAnswers: number; ms: number }];
}

export class LastKnownGood extends EventEmitter<LastKnownGoodEvents> {
  private readonly values = new Map<string, unknown>();
  private outageSince: number | null = null;
  private staleAnswers = 0;
  private readonly refreshing = new Set<string>();

  /** `maxEntries`: the oldest answers are forgotten past it (numbers dialled at random must not grow memory). */
  constructor(readonly timeoutMs = 2_000, private readonly maxEntries = 20_000) {
    super();
  }

  /** Is the database currently considered down (a stale answer was served since the last success)? */
  get inOutage(): boolean {
    return this.outageSince !== null;
  }

  /** Runs `load` with the time limit; keeps its result; serves the kept one when the database is away. */
  async lookup<T>(what: string, key: string, load: () => Promise<T>): Promise<T> {
    const k = `${what}\u0000${key}`;
    if (this.outageSince !== null && this.values.has(k)) {
      // during an outage a known answer is served at once (no time limit paid per lookup);
      // one refresh per key runs meanwhile and ends the outage when the database answers
      this.refresh(what, k, load);
      this.staleAnswers++;
      return this.values.get(k) as T;
    }
    let value: T;
    try {
      value = await withTimeout(load(), this.timeoutMs, what);
    } catch (err) {
      if (!isConnectionError(err)) throw err;
      if (!this.values.has(k)) throw new DatabaseUnavailableError(what, err);
      this.staleAnswers++;
      if (this.outageSince === null) {
        this.outageSince = Date.now();
        this.emit('outage', { what, key, err });
      }
      return this.values.get(k) as T;
    }
    this.keep(k, value);
    this.succeeded();
    return value;
  }

  /** Stores an answer learned elsewhere (a published version warmed by the publish listener). */
  remember<T>(what: string, key: string, value: T): void {
    this.keep(`${what}\u0000${key}`, value);
  }

  recall<T>(what: string, key: string): T | undefined {
    return this.values.get(`${what}\u0000${key}`) as T | undefined;
  }

  private refresh<T>(what: string, k: string, load: () => Promise<T>): void {
    if (this.refreshing.has(k)) return;
    this.refreshing.add(k);
    withTimeout(load(), this.timeoutMs, what).then((value) => {
      this.keep(k, value);
      this.succeeded();
    }, () => undefined).finally(() => this.refreshing.delete(k));
  }

  /** Newest last (Map order): past maxEntries the least recently refreshed answer goes. */
  private keep(k: string, value: unknown): void {
    this.values.delete(k);
    this.values.set(k, value);
    if (this.values.size > this.maxEntries) this.values.delete(this.values.keys().next().value as string);
  }

  private succeeded(): void {
    if (this.outageSince === null) return;
    const info = { staleAnswers: this.staleAnswers, ms: Date.now() - this.outageSince };
    this.outageSince = null;
    this.staleAnswers = 0;
    this.emit('recovered', info);
  }
}

/** `p`, or LookupTimeoutError after `ms` (the query itself is left to finish or fail on its own). */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new LookupTimeoutError(what, ms)), ms);
    p.then((v) => {
      clearTimeout(t);
      resolve(v);
    }, (err: unknown) => {
      clearTimeout(t);
      reject(err);
    });
  });
}
