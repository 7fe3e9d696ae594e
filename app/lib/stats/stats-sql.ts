// The statistics' SQL over the Call summary columns (C0), one scan per question:
// - queryFigures: the figures per key (entry number, flow, group or agent) and the total,
//   in one pass with GROUPING SETS; p90 with percentile_cont;
// - queryHours: calls per local date × hour in the given time zone, folded by foldHours into
//   the heat map (day of week × hour) and the timeline (per day or hour).
// These read the calls themselves: exact (percentile_cont), for periods of up to
// STATS_EXACT_MAX_CALLS calls; longer ones read the rollup (stats-rollup.ts).
// Instants are passed as ISO strings and compared as UTC timestamps (the columns are
// `timestamp(3)` holding UTC), whatever the session's TimeZone.
import { Prisma } from '@/prisma/generated/client';
import type { PrismaClient } from '@/prisma/client';
import type { FigureCounts } from './stats-figures';
import type { StatsDimension } from './stats-dimensions';
import type { HourCounts } from './stats-rollup';
import { DateTime } from 'luxon';

export { STATS_DIMENSIONS, type StatsDimension } from './stats-dimensions';

const KEY_COLUMN: Record<StatsDimension, Prisma.Sql> = {
  number: Prisma.raw('c."entryNumber"'),
  flow: Prisma.raw('c."flowId"'),
  group: Prisma.raw('c."groupId"'),
  agent: Prisma.raw('c."agentId"'),
};

type Db = Pick<PrismaClient, '$queryRaw'>;

export interface Span {
  start: Date;
  end: Date;
}

function periodFilter(organizationId: string, span: Span): Prisma.Sql {
  return Prisma.sql`c."organizationId" = ${organizationId}
    AND c."startedAt" >= (${span.start.toISOString()}::timestamptz AT TIME ZONE 'UTC')
    AND c."startedAt" < (${span.end.toISOString()}::timestamptz AT TIME ZONE 'UTC')
    AND c."endedAt" IS NOT NULL`;
}

export interface KeyedCounts extends FigureCounts {
  /** null for the total row, '' for calls without a value of the dimension. */
  key: string | null;
}

export async function queryFigures(db: Db, organizationId: string, span: Span, by: StatsDimension): Promise<KeyedCounts[]> {
  const key = KEY_COLUMN[by];
  const rows = await db.$queryRaw<(FigureCounts & { key: string | null; isTotal: boolean })[]>`
    SELECT coalesce(${key}, '') AS "key", grouping(${key}) = 1 AS "isTotal",
      count(*)::int AS "offered",
      count(*) FILTER (WHERE c."outcome" = 'answered')::int AS "answered",
      count(c."waitMs")::int AS "queued",
      count(*) FILTER (WHERE c."outcome" = 'answered' AND c."waitMs" <= coalesce(g."serviceLevelSeconds", 20) * 1000)::int AS "answeredInTime",
      count(*) FILTER (WHERE c."outcome" = 'abandoned')::int AS "abandoned",
      count(*) FILTER (WHERE c."outcome" = 'cancelled')::int AS "cancelled",
      count(*) FILTER (WHERE c."outcome" = 'no_answer')::int AS "noAnswer",
      count(*) FILTER (WHERE c."outcome" = 'busy')::int AS "busy",
      count(*) FILTER (WHERE c."outcome" IS NULL)::int AS "flowEnd",
      avg(c."waitMs")::float8 AS "avgWaitMs",
      percentile_cont(0.9) WITHIN GROUP (ORDER BY c."waitMs")::float8 AS "p90WaitMs",
      avg(c."talkMs")::float8 AS "avgTalkMs",
      coalesce(sum(c."transferCount"), 0)::int AS "transfers",
      count(*) FILTER (WHERE c."callbackRequested")::int AS "callbacksRequested",
      count(cb."callId")::int AS "callbacksCompleted",
      count(*) FILTER (WHERE c."voicemail")::int AS "voicemails"
    FROM "Call" c
    LEFT JOIN "QueueGroup" g ON g."id" = c."groupId"
    LEFT JOIN (
      SELECT DISTINCT r."callId" FROM "CallbackRequest" r
      WHERE r."organizationId" = ${organizationId} AND r."status" = 'done' AND r."callId" IS NOT NULL
        AND r."createdAt" >= (${span.start.toISOString()}::timestamptz AT TIME ZONE 'UTC')
    ) cb ON cb."callId" = c."id"
    WHERE ${periodFilter(organizationId, span)}
    GROUP BY GROUPING SETS ((${key}), ())`;
  return rows.map(({ isTotal, key: k, ...counts }) => ({ ...counts, key: isTotal ? null : k }));
}

export interface DistributionCounts {
  heatMap: { dayOfWeek: number; hour: number; calls: number }[];
  timeline: { at: string; offered: number; answered: number }[];
}

/** Calls per local date and hour of the span (at most 24 × days rows). */
export function queryHours(db: Db, organizationId: string, span: Span, tz: string): Promise<HourCounts[]> {
  return db.$queryRaw<HourCounts[]>`
    SELECT to_char(l."day", 'YYYY-MM-DD') AS "day", l."hour", l."offered", l."answered"
    FROM (
      SELECT (((c."startedAt" AT TIME ZONE 'UTC') AT TIME ZONE ${tz}))::date AS "day",
             extract(hour FROM ((c."startedAt" AT TIME ZONE 'UTC') AT TIME ZONE ${tz}))::int AS "hour",
             count(*)::int AS "offered", count(*) FILTER (WHERE c."outcome" = 'answered')::int AS "answered"
      FROM "Call" c WHERE ${periodFilter(organizationId, span)}
      GROUP BY 1, 2
    ) l`;
}

/** Folds calls per local date × hour into the heat map (ISO day of week 1 = Monday × hour) and the timeline (per day, or hour). */
export function foldHours(rows: HourCounts[], unit: 'day' | 'hour'): DistributionCounts {
  const cells = new Map<string, number>();
  const buckets = new Map<string, { offered: number; answered: number }>();
  for (const r of rows) {
    const dow = DateTime.fromISO(r.day, { zone: 'UTC' }).weekday;
    const cell = `${dow}-${r.hour}`;
    cells.set(cell, (cells.get(cell) ?? 0) + r.offered);
    const at = unit === 'day' ? r.day : `${r.day}T${String(r.hour).padStart(2, '0')}`;
    const bucket = buckets.get(at) ?? { offered: 0, answered: 0 };
    bucket.offered += r.offered;
    bucket.answered += r.answered;
    buckets.set(at, bucket);
  }
  const heatMap = [...cells].map(([cell, calls]) => {
    const [dayOfWeek, hour] = cell.split('-').map(Number);
    return { dayOfWeek, hour, calls };
  });
  const timeline = [...buckets].map(([at, b]) => ({ at, ...b })).sort((a, b) => a.at.localeCompare(b.at));
  return { heatMap, timeline };
}

/** Two distributions of disjoint days added up. */
export function addDistributions(a: DistributionCounts, b: DistributionCounts): DistributionCounts {
  const cells = new Map<string, number>();
  for (const c of [...a.heatMap, ...b.heatMap]) cells.set(`${c.dayOfWeek}-${c.hour}`, (cells.get(`${c.dayOfWeek}-${c.hour}`) ?? 0) + c.calls);
  const heatMap = [...cells].map(([cell, calls]) => {
    const [dayOfWeek, hour] = cell.split('-').map(Number);
    return { dayOfWeek, hour, calls };
  });
  const timeline = [...a.timeline, ...b.timeline].sort((x, y) => x.at.localeCompare(y.at));
  return { heatMap, timeline };
}

/** queryHours folded (the exact path, and the bench). */
export async function queryDistribution(db: Db, organizationId: string, span: Span, tz: string, unit: 'day' | 'hour'): Promise<DistributionCounts> {
  return foldHours(await queryHours(db, organizationId, span, tz), unit);
}
