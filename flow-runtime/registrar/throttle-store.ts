// Copies the limiter's changed entries into SipAuthThrottle so admins see failures and bans
// (GET /api/sip-security, agents page). Written in batches on a timer, never per request: a
// flood of bad REGISTERs must not become a flood of database writes. Best effort: the limiter in
// memory is what refuses; a failed write is logged, and the row is written again at its entry's
// next change.
import type { Logger } from 'pino';
import type { PrismaClient } from '../../prisma/client';
import type { AuthLimiter, ThrottleEntry } from './auth-limiter';

export interface ThrottleStore {
  /** Writes what changed since the last flush (at most `batch` rows). */
  flush(): Promise<number>;
  /** Deletes rows whose window and ban are both over. */
  purge(windowSeconds: number): Promise<number>;
}

export function createThrottleStore(prisma: PrismaClient, limiter: AuthLimiter, opts: { batch?: number; logger?: Logger; now?: () => number } = {}): ThrottleStore {
  const now = opts.now ?? Date.now;
  const batch = opts.batch ?? 200;
  const row = (e: ThrottleEntry) => ({
    organizationId: e.organizationId,
    failures: e.failures,
    refused: e.refused,
    bannedUntil: e.bannedUntil === null ? null : new Date(e.bannedUntil),
    lastUsername: e.lastUsername,
    lastAddress: e.lastAddress,
    firstFailureAt: new Date(e.firstFailureAt),
    lastFailureAt: new Date(e.lastFailureAt),
  });
  return {
    async flush() {
      const entries = limiter.takeChanged(batch);
      if (entries.length === 0) return 0;
      try {
        await prisma.$transaction(
          entries.map((e) =>
            prisma.sipAuthThrottle.upsert({
              where: { kind_key: { kind: e.kind, key: e.key } },
              create: { kind: e.kind, key: e.key, ...row(e) },
              update: row(e),
            }),
          ),
        );
      } catch (err) {
        opts.logger?.warn({ err, rows: entries.length }, 'registrar: could not store authentication failures for the admin view');
      }
      return entries.length;
    },
    async purge(windowSeconds) {
      const t = now();
      const { count } = await prisma.sipAuthThrottle.deleteMany({
        where: {
          lastFailureAt: { lt: new Date(t - windowSeconds * 1000) },
          OR: [{ bannedUntil: null }, { bannedUntil: { lt: new Date(t) } }],
        },
      });
      return count;
    },
  };
}
