// Places callback requests when their time comes:
//   1. every poll, in one statement, claims up to `batch` pending requests whose earliestAt
//      has passed (FOR UPDATE SKIP LOCKED, so several runtimes never claim the same one):
//      status in_progress, attempts + 1, lastAttemptAt now;
//   2. calls the injected placeCallback(request) for each (the runtime's: ring the group
//      first, then the customer);
//   3. stores the result: done → done with its outcome; retry → back to pending after the
//      delay, or failed once attempts reach maxAttempts; postpone → back to pending without
//      counting the attempt (nothing was tried);
//   4. requests left in_progress longer than `stuckMs` (a runtime died while placing them)
//      go back to pending.
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { PrismaClient } from '../../prisma/client';

export interface ClaimedCallback {
  id: string;
  organizationId: string;
  callId: string | null;
  groupId: string | null;
  number: string;
  /** This attempt's number (1 for the first). */
  attempts: number;
  maxAttempts: number;
}

export type CallbackAttemptResult =
  | { kind: 'done'; outcome: string }
  | { kind: 'retry'; outcome: string; retryAfterMs?: number }
  | { kind: 'postpone'; reason: string; retryAfterMs?: number };

export type PlaceCallback = (request: ClaimedCallback) => Promise<CallbackAttemptResult>;

export interface CallbackSchedulerOptions {
  prisma: PrismaClient;
  placeCallback: PlaceCallback;
  pollIntervalMs?: number;
  retryDelayMs?: number;
  batch?: number;
  stuckMs?: number;
  now?: () => number;
  logger?: Logger;
}

export interface CallbackSchedulerEvents {
  /** After the result of one attempt is stored; status is the request's new status. */
  attempt: [ClaimedCallback, CallbackAttemptResult, 'done' | 'pending' | 'failed'];
  error: [unknown];
}

export class CallbackScheduler extends EventEmitter<CallbackSchedulerEvents> {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly now: () => number;

  constructor(private readonly opts: CallbackSchedulerOptions) {
    super();
    this.now = opts.now ?? Date.now;
    // an unhandled 'error' event would crash the runtime: log instead
    this.on('error', (err) => opts.logger?.error({ err }, 'callbacks: poll failed'));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops polling and waits for the attempts in progress. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.inFlight]);
  }

  /** One poll: claims due requests and places them; resolves when their results are stored. */
  async pollOnce(): Promise<number> {
    const started = await this.claimAndStart();
    await Promise.all(started);
    return started.length;
  }

  /** Claims as many due requests as free slots (`batch` attempts at once) and starts them. */
  private async claimAndStart(): Promise<Promise<void>[]> {
    await this.releaseStuck();
    const free = (this.opts.batch ?? 5) - this.inFlight.size;
    if (free <= 0) return [];
    const claimed = await this.claim(free);
    return claimed.map((c) => this.track(this.attempt(c)));
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      // attempts last minutes (ringing people): polls go on meanwhile, within the batch limit
      this.claimAndStart()
        .catch((err) => this.emit('error', err))
        .finally(() => this.schedule(this.opts.pollIntervalMs ?? 5_000));
    }, ms);
    this.timer.unref();
  }

  private track(p: Promise<void>): Promise<void> {
    this.inFlight.add(p);
    return p.finally(() => this.inFlight.delete(p));
  }

  private async claim(limit: number): Promise<ClaimedCallback[]> {
    const now = new Date(this.now());
    return this.opts.prisma.$queryRaw<ClaimedCallback[]>`
      UPDATE "CallbackRequest" SET status = 'in_progress', attempts = attempts + 1, "lastAttemptAt" = ${now}
      WHERE id IN (
        SELECT id FROM "CallbackRequest"
        WHERE status = 'pending' AND "earliestAt" <= ${now}
        ORDER BY "earliestAt"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, "organizationId", "callId", "groupId", number, attempts, "maxAttempts"`;
  }

  private async releaseStuck(): Promise<void> {
    const before = new Date(this.now() - (this.opts.stuckMs ?? 15 * 60_000));
    await this.opts.prisma.callbackRequest.updateMany({
      where: { status: 'in_progress', lastAttemptAt: { lt: before } },
      data: { status: 'pending', earliestAt: new Date(this.now()) },
    });
  }

  /** Errors while storing the result leave the request in_progress; releaseStuck() recovers it. */
  private attempt(request: ClaimedCallback): Promise<void> {
    return this.placeAndStore(request).catch((err) => {
      this.emit('error', err);
    });
  }

  private async placeAndStore(request: ClaimedCallback): Promise<void> {
    let result: CallbackAttemptResult;
    try {
      result = await this.opts.placeCallback(request);
    } catch (err) {
      result = { kind: 'retry', outcome: `error: ${(err as Error).message}` };
    }
    const { prisma } = this.opts;
    const later = (ms: number | undefined) => new Date(this.now() + (ms ?? this.opts.retryDelayMs ?? 5 * 60_000));
    let status: 'done' | 'pending' | 'failed';
    if (result.kind === 'done') {
      status = 'done';
      await prisma.callbackRequest.update({ where: { id: request.id }, data: { status, outcome: result.outcome } });
    } else if (result.kind === 'postpone') {
      status = 'pending';
      await prisma.callbackRequest.update({
        where: { id: request.id },
        data: { status, attempts: { decrement: 1 }, earliestAt: later(result.retryAfterMs), outcome: result.reason },
      });
    } else {
      status = request.attempts >= request.maxAttempts ? 'failed' : 'pending';
      await prisma.callbackRequest.update({
        where: { id: request.id },
        data: status === 'failed' ? { status, outcome: result.outcome } : { status, outcome: result.outcome, earliestAt: later(result.retryAfterMs) },
      });
    }
    this.opts.logger?.info({ id: request.id, attempt: request.attempts, result, status }, 'callbacks: attempt stored');
    this.emit('attempt', request, result, status);
  }
}
