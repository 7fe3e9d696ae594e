// The statistics' rollup per organisation, time zone and local day (tables CallStatsDayDone,
// CallStatsDay, CallStatsHour; migration 20261207100300):
// 1. ensureRollup builds, in one statement, every day of a period that is over and not built
//    yet: marks the days (ON CONFLICT DO NOTHING, so two readers never build one day twice),
//    then sums their ended calls per number, flow, group and agent (GROUPING SETS) with a
//    histogram of the waits, and counts them per hour;
// 2. readRollupFigures / readRollupHours sum the built days of a period;
// 3. sumCallsNow gives the same sums straight from the calls, for the days not over yet.
// Triggers on Call delete a day's mark (and its sums) when one of its calls changes.
import { DateTime } from 'luxon';
import { Prisma } from '@/prisma/generated/client';
import type { PrismaClient } from '@/prisma/client';
import type { StatsDimension } from './stats-dimensions';
import type { DayRange } from './stats-period';
import type { DistributionCounts } from './stats-sql';
import { WAIT_BUCKETS, waitBucketSql, waitHistogramSql } from './wait-histogram';

type Db = Pick<PrismaClient, '$queryRaw' | '$executeRaw'>;

/** Sums of a key over some days, as read from the rollup or computed from the calls. */
export interface RollupSums {
  key: string;
  offered: number;
  answered: number;
  queued: number;
  answeredInTime: number;
  abandoned: number;
  cancelled: number;
  noAnswer: number;
  busy: number;
  flowEnd: number;
  waitSumMs: number;
  talkSumMs: number;
  talkCount: number;
  transfers: number;
  callbacksRequested: number;
  callbacksCompleted: number;
  voicemails: number;
  waitHistogram: number[];
}

export interface HourCounts {
  day: string;
  hour: number;
  offered: number;
  answered: number;
}

/** The days of `range` that are over at `now` in `tz` (their calls have ended, or nearly all). */
export function closedDays(range: DayRange, tz: string, now: Date): { closed: DayRange | null; open: DayRange | null } {
  const today = DateTime.fromJSDate(now, { zone: tz }).toISODate()!;
  if (range.from >= today) return { closed: null, open: range };
  const lastClosed = DateTime.fromISO(today, { zone: 'UTC' }).minus({ days: 1 }).toISODate()!;
  if (range.to <= lastClosed) return { closed: range, open: null };
  return { closed: { from: range.from, to: lastClosed }, open: { from: today, to: range.to } };
}

const utc = (d: Date) => Prisma.sql`(${d.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
const localDate = (tz: string) => Prisma.sql`((c."startedAt" AT TIME ZONE 'UTC') AT TIME ZONE ${tz})::date`;

/** The per-call columns both the rollup and the live sums aggregate. */
function callColumns(organizationId: string, tz: string, start: Date, end: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT c."entryNumber", c."flowId", c."groupId", c."agentId", c."outcome", c."waitMs", c."talkMs", c."transferCount",
           c."callbackRequested", c."voicemail", ${localDate(tz)} AS "day", ${waitBucketSql(Prisma.raw('c."waitMs"'))} AS "waitBucket",
           extract(hour FROM ((c."startedAt" AT TIME ZONE 'UTC') AT TIME ZONE ${tz}))::int AS "hour",
           (c."outcome" = 'answered' AND c."waitMs" <= coalesce(g."serviceLevelSeconds", 20) * 1000) AS "inTime",
           (cb."callId" IS NOT NULL) AS "callbackDone"
    FROM "Call" c
    LEFT JOIN "QueueGroup" g ON g."id" = c."groupId"
    LEFT JOIN (
      SELECT DISTINCT r."callId" FROM "CallbackRequest" r
      WHERE r."organizationId" = ${organizationId} AND r."status" = 'done' AND r."callId" IS NOT NULL AND r."createdAt" >= ${utc(start)}
    ) cb ON cb."callId" = c."id"
    WHERE c."organizationId" = ${organizationId} AND c."startedAt" >= ${utc(start)} AND c."startedAt" < ${utc(end)} AND c."endedAt" IS NOT NULL`;
}

const SUMS = Prisma.sql`
  count(*)::int AS "offered",
  count(*) FILTER (WHERE k."outcome" = 'answered')::int AS "answered",
  count(k."waitMs")::int AS "queued",
  count(*) FILTER (WHERE k."inTime")::int AS "answeredInTime",
  count(*) FILTER (WHERE k."outcome" = 'abandoned')::int AS "abandoned",
  count(*) FILTER (WHERE k."outcome" = 'cancelled')::int AS "cancelled",
  count(*) FILTER (WHERE k."outcome" = 'no_answer')::int AS "noAnswer",
  count(*) FILTER (WHERE k."outcome" = 'busy')::int AS "busy",
  count(*) FILTER (WHERE k."outcome" IS NULL)::int AS "flowEnd",
  coalesce(sum(k."waitMs"), 0)::bigint AS "waitSumMs",
  coalesce(sum(k."talkMs"), 0)::bigint AS "talkSumMs",
  count(k."talkMs")::int AS "talkCount",
  coalesce(sum(k."transferCount"), 0)::int AS "transfers",
  count(*) FILTER (WHERE k."callbackRequested")::int AS "callbacksRequested",
  count(*) FILTER (WHERE k."callbackDone")::int AS "callbacksCompleted",
  count(*) FILTER (WHERE k."voicemail")::int AS "voicemails",
  ${waitHistogramSql(Prisma.raw('k."waitBucket"'))} AS "waitHistogram"`;

/** Builds the days of `closed` not built yet; returns how many it built. */
export async function ensureRollup(db: Db, organizationId: string, tz: string, closed: DayRange, span: { start: Date; end: Date }): Promise<number> {
  const days: string[] = [];
  for (let d = DateTime.fromISO(closed.from, { zone: 'UTC' }); d.toISODate()! <= closed.to; d = d.plus({ days: 1 })) days.push(d.toISODate()!);
  const built = await db.$queryRaw<{ day: string }[]>`
    SELECT to_char(m."day", 'YYYY-MM-DD') AS "day" FROM "CallStatsDayDone" m
    WHERE m."organizationId" = ${organizationId} AND m."timezone" = ${tz} AND m."day" BETWEEN ${closed.from}::date AND ${closed.to}::date`;
  if (built.length === days.length) return 0;
  const have = new Set(built.map((b) => b.day));
  const missingDays = days.filter((d) => !have.has(d));
  await db.$executeRaw`
    WITH marks AS (
      INSERT INTO "CallStatsDayDone" ("id", "organizationId", "timezone", "day")
      SELECT 'csd' || md5(${organizationId} || ${tz} || d::text || random()::text), ${organizationId}, ${tz}, d FROM unnest(${missingDays}::date[]) d
      ON CONFLICT DO NOTHING
      RETURNING "id", "day"
    ),
    k AS (
      SELECT m."id" AS "doneId", x.* FROM (${callColumns(organizationId, tz, span.start, span.end)}) x JOIN marks m ON m."day" = x."day"
    ),
    sums AS (
      INSERT INTO "CallStatsDay" ("doneId", "organizationId", "timezone", "day", "dimension", "key", "offered", "answered", "queued", "answeredInTime",
        "abandoned", "cancelled", "noAnswer", "busy", "flowEnd", "waitSumMs", "talkSumMs", "talkCount", "transfers", "callbacksRequested",
        "callbacksCompleted", "voicemails", "waitHistogram")
      SELECT s."doneId", ${organizationId}, ${tz}, s."day", s."dimension", s."key", s."offered", s."answered", s."queued", s."answeredInTime",
        s."abandoned", s."cancelled", s."noAnswer", s."busy", s."flowEnd", s."waitSumMs", s."talkSumMs", s."talkCount", s."transfers",
        s."callbacksRequested", s."callbacksCompleted", s."voicemails", s."waitHistogram"
      FROM (
        SELECT k."doneId", k."day",
          CASE WHEN grouping(k."entryNumber") = 0 THEN 'number' WHEN grouping(k."flowId") = 0 THEN 'flow' WHEN grouping(k."groupId") = 0 THEN 'group' ELSE 'agent' END AS "dimension",
          coalesce(CASE WHEN grouping(k."entryNumber") = 0 THEN k."entryNumber" WHEN grouping(k."flowId") = 0 THEN k."flowId" WHEN grouping(k."groupId") = 0 THEN k."groupId" ELSE k."agentId" END, '') AS "key",
          ${SUMS}
        FROM k
        GROUP BY GROUPING SETS ((k."doneId", k."day", k."entryNumber"), (k."doneId", k."day", k."flowId"), (k."doneId", k."day", k."groupId"), (k."doneId", k."day", k."agentId"))
      ) s
    )
    INSERT INTO "CallStatsHour" ("doneId", "organizationId", "timezone", "day", "hour", "offered", "answered")
    SELECT k."doneId", ${organizationId}, ${tz}, k."day", k."hour", count(*)::int, count(*) FILTER (WHERE k."outcome" = 'answered')::int
    FROM k GROUP BY k."doneId", k."day", k."hour"`;
  return missingDays.length;
}

const asNumbers = (r: RollupSums): RollupSums => ({ ...r, waitSumMs: Number(r.waitSumMs), talkSumMs: Number(r.talkSumMs), waitHistogram: r.waitHistogram ?? [] });

/** The sums per key of the built days of `range`. */
export async function readRollupFigures(db: Db, organizationId: string, tz: string, by: StatsDimension, range: DayRange): Promise<RollupSums[]> {
  const where = Prisma.sql`d."organizationId" = ${organizationId} AND d."timezone" = ${tz} AND d."dimension" = ${by} AND d."day" BETWEEN ${range.from}::date AND ${range.to}::date`;
  // The histograms are summed bucket by bucket (sum of h[i]), cheaper than unnesting them.
  const histogram = Prisma.join(Array.from({ length: WAIT_BUCKETS }, (_, i) => Prisma.raw(`coalesce(sum(d."waitHistogram"[${i + 1}]), 0)::int`)));
  const rows = await db.$queryRaw<RollupSums[]>`
    SELECT d."key", sum(d."offered")::int AS "offered", sum(d."answered")::int AS "answered", sum(d."queued")::int AS "queued",
      sum(d."answeredInTime")::int AS "answeredInTime", sum(d."abandoned")::int AS "abandoned", sum(d."cancelled")::int AS "cancelled",
      sum(d."noAnswer")::int AS "noAnswer", sum(d."busy")::int AS "busy", sum(d."flowEnd")::int AS "flowEnd",
      sum(d."waitSumMs")::float8 AS "waitSumMs", sum(d."talkSumMs")::float8 AS "talkSumMs", sum(d."talkCount")::int AS "talkCount",
      sum(d."transfers")::int AS "transfers", sum(d."callbacksRequested")::int AS "callbacksRequested",
      sum(d."callbacksCompleted")::int AS "callbacksCompleted", sum(d."voicemails")::int AS "voicemails",
      ARRAY[${histogram}] AS "waitHistogram"
    FROM "CallStatsDay" d WHERE ${where} GROUP BY d."key"`;
  return rows.map(asNumbers);
}

/** The heat map and the per-day timeline of the built days of `range`, summed in SQL. */
export async function readRollupDistribution(db: Db, organizationId: string, tz: string, range: DayRange): Promise<DistributionCounts> {
  const rows = await db.$queryRaw<{ day: string | null; dow: number | null; hour: number | null; offered: number; answered: number }[]>`
    SELECT to_char(h."day", 'YYYY-MM-DD') AS "day", extract(isodow FROM h."day")::int AS "dow", h."hour",
      sum(h."offered")::int AS "offered", sum(h."answered")::int AS "answered"
    FROM "CallStatsHour" h
    WHERE h."organizationId" = ${organizationId} AND h."timezone" = ${tz} AND h."day" BETWEEN ${range.from}::date AND ${range.to}::date
    GROUP BY GROUPING SETS ((h."day"), (extract(isodow FROM h."day"), h."hour"))`;
  const heatMap: DistributionCounts['heatMap'] = [];
  const timeline: DistributionCounts['timeline'] = [];
  for (const r of rows) {
    if (r.day !== null) timeline.push({ at: r.day, offered: r.offered, answered: r.answered });
    else heatMap.push({ dayOfWeek: r.dow!, hour: r.hour!, calls: r.offered });
  }
  return { heatMap, timeline };
}

/** Calls per local day and hour of the built days of `range`. */
export function readRollupHours(db: Db, organizationId: string, tz: string, range: DayRange): Promise<HourCounts[]> {
  return db.$queryRaw<HourCounts[]>`
    SELECT to_char(h."day", 'YYYY-MM-DD') AS "day", h."hour", h."offered", h."answered" FROM "CallStatsHour" h
    WHERE h."organizationId" = ${organizationId} AND h."timezone" = ${tz} AND h."day" BETWEEN ${range.from}::date AND ${range.to}::date`;
}

/** The same sums per key straight from the calls of `span` (days not over yet). */
export async function sumCallsNow(db: Db, organizationId: string, tz: string, by: StatsDimension, span: { start: Date; end: Date }): Promise<RollupSums[]> {
  const column = Prisma.raw({ number: 'k."entryNumber"', flow: 'k."flowId"', group: 'k."groupId"', agent: 'k."agentId"' }[by]);
  const rows = await db.$queryRaw<RollupSums[]>`
    SELECT coalesce(${column}, '') AS "key", ${SUMS}
    FROM (${callColumns(organizationId, tz, span.start, span.end)}) k GROUP BY 1`;
  return rows.map(asNumbers);
}
