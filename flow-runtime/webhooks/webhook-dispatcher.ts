// Sends due webhook deliveries, in the runtime process, through the one outbound HTTP policy.
//   1. wake-ups: NOTIFY relais_webhooks (a new event, "retry now", a test event), the end of a
//      send, and a timer set to the earliest next attempt (at most pollMs away);
//   2. claim: due pending rows are locked with FOR UPDATE SKIP LOCKED and given `lockedUntil`
//      (the send's timeout plus a margin), so several runtimes never send one row twice and a
//      crashed runtime's rows are taken again once the lock has passed;
//   3. at most `concurrency` sends at once, and at most `perSubscription` to one URL (a slow
//      receiver holds its own slots, not the others');
//   4. send: POST the stored payload, signed (webhook-signature.ts), with the organisation's
//      outbound allow-list, within timeoutMs;
//   5. 2xx → delivered; 5xx, 408, 429, timeout, network error → pending again after the backoff
//      (webhook-backoff.ts), failed after the last attempt; other answers and refused URLs →
//      failed at once. lastStatus / lastError / attempts are kept on the row for the admin.
// Everything is in the database: a restart picks up where it was.
import { EventEmitter } from 'node:events';
import type { PrismaClient } from '../../prisma/client';
import type { PoolConfig } from '../../prisma/database-url';
import { PgListen } from '../calls/pg-listen';
import { silentLogger, type Logger } from '../calls/sip-types';
import { allowList, OutboundHttpError, outboundRequest, type Resolver } from '../outbound-http';
import { DEFAULT_BACKOFF, isRetryableStatus, nextRetryDelay, type BackoffPolicy } from './webhook-backoff';
import { WEBHOOK_CHANNEL, WEBHOOK_TEST_EVENT } from './webhook-events';
import { EVENT_ID_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER, signatureHeader } from './webhook-signature';

export interface WebhookDispatcherOptions {
  prisma: PrismaClient;
  /** LISTEN on relais_webhooks with this connection; without it the dispatcher only polls. */
  connection?: PoolConfig;
  backoff?: BackoffPolicy;
  /** One delivery's deadline, answer included (default 10 s). */
  timeoutMs?: number;
  concurrency?: number;
  perSubscription?: number;
  /** Longest sleep between two looks at the table (default 5 s). */
  pollMs?: number;
  /** Name resolution (tests inject one). */
  resolve?: Resolver;
  logger?: Logger;
}

export interface DeliveryAttempt {
  deliveryId: string;
  subscriptionId: string;
  event: string;
  attempt: number;
  status: 'delivered' | 'pending' | 'failed';
  httpStatus: number | null;
  error: string | null;
}

interface ClaimedRow { id: string; subscriptionId: string; eventId: string; event: string; payload: unknown; attempts: number }

const LOCK_MARGIN_MS = 30_000;
const USER_AGENT = 'Relais-Webhooks/1';

export class WebhookDispatcher extends EventEmitter<{ attempt: [DeliveryAttempt] }> {
  private readonly prisma: PrismaClient;
  private readonly backoff: BackoffPolicy;
  private readonly timeoutMs: number;
  private readonly concurrency: number;
  private readonly perSubscription: number;
  private readonly pollMs: number;
  private readonly log: Logger;
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly perSub = new Map<string, number>();
  private listen: PgListen | null = null;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(private readonly opts: WebhookDispatcherOptions) {
    super();
    this.prisma = opts.prisma;
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.concurrency = opts.concurrency ?? 16;
    this.perSubscription = opts.perSubscription ?? 4;
    this.pollMs = opts.pollMs ?? 5_000;
    this.log = opts.logger ?? silentLogger;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    if (this.opts.connection) {
      this.listen = new PgListen({ connection: this.opts.connection, channel: WEBHOOK_CHANNEL, name: 'webhook dispatcher', logger: this.log, onNotification: () => this.wake() });
      this.listen.on('listening', () => this.wake());
      void this.listen.start();
    }
    this.wake();
  }

  /** Stops claiming; sends under way finish (each bounded by timeoutMs). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.listen?.close();
    this.listen = null;
    await this.ticking;
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /** Look at the table now (also called on NOTIFY). */
  wake(): void {
    if (this.stopped) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = this.tick()
      .catch((err) => {
        this.log.warn({ err: (err as Error)?.message ?? String(err) }, 'webhooks: cannot read deliveries, will try again');
        this.schedule(this.pollMs);
      })
      .finally(() => {
        this.ticking = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wake();
    }, Math.max(0, Math.min(ms, this.pollMs)));
  }

  private async tick(): Promise<void> {
    const free = this.concurrency - this.inFlight.size;
    if (free > 0) {
      const rows = await this.claim(free);
      if (this.stopped) {
        // stop() came while claiming: leave the rows to the next run, unlocked
        if (rows.length) await this.prisma.webhookDelivery.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { lockedUntil: null } });
        return;
      }
      for (const row of rows) this.launch(row);
    }
    // Every slot busy: the end of a send wakes us. Else sleep until the next row we could take.
    if (this.inFlight.size >= this.concurrency) return this.schedule(this.pollMs);
    const next = await this.prisma.webhookDelivery.findFirst({
      where: {
        status: 'pending',
        nextAttemptAt: { not: null },
        OR: [{ lockedUntil: null }, { lockedUntil: { lt: new Date() } }],
        subscriptionId: { notIn: this.busySubscriptions() },
      },
      orderBy: { nextAttemptAt: 'asc' },
      select: { nextAttemptAt: true },
    });
    this.schedule(next?.nextAttemptAt ? next.nextAttemptAt.getTime() - Date.now() + 5 : this.pollMs);
  }

  /** Subscriptions with all their slots in use here. */
  private busySubscriptions(): string[] {
    return [...this.perSub].filter(([, n]) => n >= this.perSubscription).map(([id]) => id);
  }

  private async claim(limit: number): Promise<ClaimedRow[]> {
    const busy = this.busySubscriptions();
    const lockMs = this.timeoutMs + LOCK_MARGIN_MS;
    const rows = await this.prisma.$queryRawUnsafe<ClaimedRow[]>(
      `UPDATE "WebhookDelivery" SET "lockedUntil" = now() + ($2::int * interval '1 millisecond')
        WHERE "id" IN (
          SELECT "id" FROM "WebhookDelivery"
           WHERE "status" = 'pending' AND "nextAttemptAt" <= now() AND ("lockedUntil" IS NULL OR "lockedUntil" < now())
             AND NOT ("subscriptionId" = ANY($3::text[]))
           ORDER BY "nextAttemptAt" LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING "id", "subscriptionId", "eventId", "event", "payload", "attempts"`,
      limit, lockMs, busy,
    );
    rows.sort((a, b) => a.id.localeCompare(b.id));
    // More rows of one URL than its slots allow: give the extra back at once.
    const kept: ClaimedRow[] = [];
    const extra: string[] = [];
    const count = new Map(this.perSub);
    for (const row of rows) {
      const n = count.get(row.subscriptionId) ?? 0;
      if (n >= this.perSubscription) extra.push(row.id);
      else {
        count.set(row.subscriptionId, n + 1);
        kept.push(row);
      }
    }
    if (extra.length) await this.prisma.webhookDelivery.updateMany({ where: { id: { in: extra } }, data: { lockedUntil: null } });
    return kept;
  }

  private launch(row: ClaimedRow): void {
    this.perSub.set(row.subscriptionId, (this.perSub.get(row.subscriptionId) ?? 0) + 1);
    const done = this.send(row)
      .catch((err) => this.log.error({ err, deliveryId: row.id }, 'webhooks: delivery bookkeeping failed (the row is retried once its lock passes)'))
      .finally(() => {
        this.inFlight.delete(row.id);
        const n = (this.perSub.get(row.subscriptionId) ?? 1) - 1;
        if (n > 0) this.perSub.set(row.subscriptionId, n);
        else this.perSub.delete(row.subscriptionId);
        this.wake();
      });
    this.inFlight.set(row.id, done);
  }

  private async send(row: ClaimedRow): Promise<void> {
    const attempt = row.attempts + 1;
    const sub = await this.prisma.webhookSubscription.findUnique({
      where: { id: row.subscriptionId },
      select: { url: true, secret: true, active: true, organization: { select: { outboundHttpAllow: true } } },
    });
    if (!sub) return; // deleted: its deliveries went with it (cascade)
    let httpStatus: number | null = null;
    let error: string | null = null;
    let retryable = false;
    if (!sub.active && row.event !== WEBHOOK_TEST_EVENT) {
      error = 'webhook disabled';
    } else {
      const body = JSON.stringify(row.payload);
      try {
        const res = await outboundRequest({
          method: 'POST',
          url: sub.url,
          headers: [
            ['Content-Type', 'application/json'],
            ['User-Agent', USER_AGENT],
            [EVENT_ID_HEADER, row.eventId],
            [EVENT_TYPE_HEADER, row.event],
            ['X-Relais-Delivery-Id', row.id],
            [SIGNATURE_HEADER, signatureHeader(sub.secret, body)],
          ],
          body,
          timeoutMs: this.timeoutMs,
          maxBytes: 64 * 1024,
          allow: allowList(sub.organization.outboundHttpAllow),
          resolve: this.opts.resolve,
        });
        httpStatus = res.status;
        if (res.status < 200 || res.status >= 300) {
          error = `HTTP ${res.status}${res.body.trim() ? `: ${res.body.trim().slice(0, 200)}` : ''}`;
          retryable = isRetryableStatus(res.status);
        }
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
        // An address the policy refuses stays refused; the rest may pass later.
        retryable = !(err instanceof OutboundHttpError && err.kind === 'refused');
      }
    }
    const now = new Date();
    const delay = error && retryable ? nextRetryDelay(this.backoff, attempt) : null;
    const status: DeliveryAttempt['status'] = error === null ? 'delivered' : delay !== null ? 'pending' : 'failed';
    await this.prisma.webhookDelivery.update({
      where: { id: row.id },
      data: {
        status,
        attempts: attempt,
        lastAttemptAt: now,
        lastStatus: httpStatus,
        lastError: error,
        lockedUntil: null,
        nextAttemptAt: status === 'pending' ? new Date(now.getTime() + delay!) : null,
        ...(status === 'delivered' ? { deliveredAt: now } : {}),
      },
    });
    if (error) this.log.info({ deliveryId: row.id, event: row.event, attempt, status, error }, 'webhooks: delivery not accepted');
    this.emit('attempt', { deliveryId: row.id, subscriptionId: row.subscriptionId, event: row.event, attempt, status, httpStatus, error });
  }
}
