// The flow analytics rollup (FlowPathStat, see README.md): the SQL function flow_path_rollup(ids)
// of migration 20261207100900 adds ended calls' per-node and per-output counts and marks them
// (Call.pathRolledUpAt) in one statement, so running it twice for a call adds nothing the second
// time. The runtime calls it when a call ends (flow-runtime/records, op `call.rollup`); this is
// the backfill for calls recorded otherwise (seeded rows, a write the outbox gave up on).
import type { PrismaClient } from '@/prisma/client';

type Db = Pick<PrismaClient, '$queryRaw'>;

/** Rolls up the given calls (those ended, with a flow, not rolled up yet); returns how many were added. */
export async function rollUpCalls(db: Db, callIds: string[]): Promise<number> {
  if (callIds.length === 0) return 0;
  const [row] = await db.$queryRaw<{ added: number }[]>`SELECT flow_path_rollup(${callIds}::text[]) AS "added"`;
  return row?.added ?? 0;
}

/**
 * Rolls up every call that ended before `before` and is not rolled up yet (of one organisation
 * when given), in batches of `batch` calls (one transaction each); returns how many were added.
 */
export async function rollUpEndedCalls(db: Db, opts: { before?: Date; organizationId?: string; batch?: number } = {}): Promise<number> {
  const before = opts.before ?? new Date();
  const batch = opts.batch ?? 10_000;
  let total = 0;
  for (;;) {
    const [row] = await db.$queryRaw<{ added: number | null }[]>`
      SELECT flow_path_rollup(array_agg("id")) AS "added" FROM (
        SELECT "id" FROM "Call"
        WHERE "pathRolledUpAt" IS NULL AND "flowId" IS NOT NULL AND "endedAt" IS NOT NULL AND "endedAt" < ${before}
          AND (${opts.organizationId ?? null}::text IS NULL OR "organizationId" = ${opts.organizationId ?? null}::text)
        LIMIT ${batch}
      ) c`;
    const added = row?.added ?? 0;
    total += added;
    if (added < batch) return total;
  }
}
