// The statistics report of a period (and a comparison period) for one organisation:
// figures per row of the chosen dimension and in total, the heat map and timeline of the
// period, the outcome breakdown of both periods. The two periods are read in parallel, each
// from its calls (few calls: exact) or from the daily rollup (stats-rollup.ts).
import type { PrismaClient } from '@/prisma/client';
import { EMPTY_COUNTS, outcomeBreakdown, toFigures, type OutcomeKey, type StatsFigures } from './stats-figures';
import { resolvePeriod, type DayRange, type ResolvedPeriod } from './stats-period';
import { addDistributions, foldHours, queryFigures, queryHours, type DistributionCounts, type KeyedCounts, type StatsDimension } from './stats-sql';
import { rowLabels } from './row-labels';
import { closedDays, ensureRollup, readRollupDistribution, readRollupFigures, readRollupHours, sumCallsNow, type RollupSums } from './stats-rollup';
import { addHistograms, histogramQuantileMs } from './wait-histogram';

export interface StatsRequest {
  period: DayRange;
  comparison: DayRange | null;
  by: StatsDimension;
  tz: string;
}

export interface StatsRow {
  /** The number (E.164), flow, group or agent id; null for calls without one (never queued, never answered…). */
  key: string | null;
  label: string | null;
  current: StatsFigures;
  previous: StatsFigures | null;
}

export interface StatsReport {
  tz: string;
  by: StatsDimension;
  period: PeriodView;
  comparison: PeriodView | null;
  /**
   * True when the p90 waits are percentile_cont over the calls (periods of up to
   * STATS_EXACT_MAX_CALLS = 5,000 calls); false when read from the rollup's wait histogram
   * (interpolated in buckets of 1 to 5 s under a minute).
   */
  exactPercentiles: boolean;
  totals: { current: StatsFigures; previous: StatsFigures | null };
  rows: StatsRow[];
  /** Calls of the period per ISO day of week (1 = Monday) and local hour; the 168 cells. */
  heatMap: { dayOfWeek: number; hour: number; calls: number }[];
  /** Calls of the period per local day (per hour for a one-day period). */
  timeline: { unit: 'day' | 'hour'; points: DistributionCounts['timeline'] };
  outcomes: { current: Record<OutcomeKey, number>; previous: Record<OutcomeKey, number> | null };
}

export interface PeriodView {
  from: string;
  to: string;
  start: string;
  end: string;
}

const view = (p: ResolvedPeriod): PeriodView => ({ from: p.from, to: p.to, start: p.start.toISOString(), end: p.end.toISOString() });

/** Periods with at most this many calls are read from the calls themselves (exact p90). */
export const EXACT_MAX_CALLS = Number(process.env.STATS_EXACT_MAX_CALLS ?? 5_000);

export interface ComputeOptions {
  now?: Date;
  /** Override of EXACT_MAX_CALLS (tests, bench). */
  exactMaxCalls?: number;
}

interface PeriodResult {
  rows: KeyedCounts[];
  distribution: DistributionCounts;
  exact: boolean;
}

function toCounts(key: string | null, s: RollupSums): KeyedCounts {
  return {
    key,
    offered: s.offered,
    answered: s.answered,
    queued: s.queued,
    answeredInTime: s.answeredInTime,
    abandoned: s.abandoned,
    cancelled: s.cancelled,
    noAnswer: s.noAnswer,
    busy: s.busy,
    flowEnd: s.flowEnd,
    avgWaitMs: s.queued > 0 ? s.waitSumMs / s.queued : null,
    p90WaitMs: histogramQuantileMs(s.waitHistogram, 0.9),
    avgTalkMs: s.talkCount > 0 ? s.talkSumMs / s.talkCount : null,
    transfers: s.transfers,
    callbacksRequested: s.callbacksRequested,
    callbacksCompleted: s.callbacksCompleted,
    voicemails: s.voicemails,
  };
}

const SUM_FIELDS = ['offered', 'answered', 'queued', 'answeredInTime', 'abandoned', 'cancelled', 'noAnswer', 'busy', 'flowEnd', 'waitSumMs', 'talkSumMs', 'talkCount', 'transfers', 'callbacksRequested', 'callbacksCompleted', 'voicemails'] as const;

function addSums(into: RollupSums | undefined, add: RollupSums): RollupSums {
  const sum: RollupSums = into ?? { ...add, waitHistogram: [] };
  if (into) for (const f of SUM_FIELDS) sum[f] += add[f];
  sum.waitHistogram = addHistograms(into ? sum.waitHistogram : [], add.waitHistogram);
  return sum;
}

/**
 * One period's figures per key (and the total, key null) and its calls per hour: from the
 * calls when the period holds few of them, else from the rollup of its days that are over
 * plus the calls of the days that are not.
 */
async function periodFigures(db: PrismaClient, organizationId: string, request: StatsRequest, range: DayRange, options: ComputeOptions): Promise<PeriodResult> {
  const now = options.now ?? new Date();
  const period = resolvePeriod(range, request.tz);
  const unit = period.days === 1 ? 'hour' : 'day';
  const { closed, open } = closedDays(range, request.tz, now);
  let rolled: RollupSums[] = [];
  if (closed) {
    await ensureRollup(db, organizationId, request.tz, closed, resolvePeriod(closed, request.tz));
    rolled = await readRollupFigures(db, organizationId, request.tz, request.by, closed);
  }
  const rolledCalls = rolled.reduce((n, r) => n + r.offered, 0);
  if (rolledCalls <= (options.exactMaxCalls ?? EXACT_MAX_CALLS)) {
    const [rows, hours] = await Promise.all([queryFigures(db, organizationId, period, request.by), queryHours(db, organizationId, period, request.tz)]);
    return { rows, distribution: foldHours(hours, unit), exact: true };
  }
  const openSpan = open ? resolvePeriod(open, request.tz) : null;
  const empty: DistributionCounts = { heatMap: [], timeline: [] };
  const [live, rolledHours, liveHours] = await Promise.all([
    openSpan ? sumCallsNow(db, organizationId, request.tz, request.by, openSpan) : Promise.resolve([]),
    !closed ? empty : unit === 'hour' ? readRollupHours(db, organizationId, request.tz, closed).then((h) => foldHours(h, unit)) : readRollupDistribution(db, organizationId, request.tz, closed),
    openSpan ? queryHours(db, organizationId, openSpan, request.tz).then((h) => foldHours(h, unit)) : empty,
  ]);
  const byKey = new Map<string, RollupSums>();
  let total: RollupSums | undefined;
  for (const s of [...rolled, ...live]) {
    byKey.set(s.key, addSums(byKey.get(s.key), s));
    total = addSums(total, s);
  }
  const rows = [...byKey].map(([key, s]) => toCounts(key, s));
  if (total) rows.push(toCounts(null, total));
  return { rows, distribution: addDistributions(rolledHours, liveHours), exact: false };
}

export async function computeStats(db: PrismaClient, organizationId: string, request: StatsRequest, options: ComputeOptions = {}): Promise<StatsReport> {
  const period = resolvePeriod(request.period, request.tz);
  const comparison = request.comparison ? resolvePeriod(request.comparison, request.tz) : null;
  const unit = period.days === 1 ? 'hour' : 'day';
  const [currentResult, previousResult] = await Promise.all([
    periodFigures(db, organizationId, request, request.period, options),
    request.comparison ? periodFigures(db, organizationId, request, request.comparison, options) : Promise.resolve(null),
  ]);
  const current = currentResult.rows;
  const previous = previousResult?.rows ?? null;
  const distribution = currentResult.distribution;

  const totalOf = (rows: KeyedCounts[]) => toFigures(rows.find((r) => r.key === null) ?? EMPTY_COUNTS);
  const byKey = (rows: KeyedCounts[] | null) => new Map((rows ?? []).filter((r) => r.key !== null).map((r) => [r.key!, r]));
  const currentRows = byKey(current);
  const previousRows = byKey(previous);
  const keys = [...new Set([...currentRows.keys(), ...previousRows.keys()])];
  const labels = await rowLabels(db, organizationId, request.by, keys);

  const rows: StatsRow[] = keys.map((k) => ({
    key: k === '' ? null : k,
    label: k === '' ? null : (labels.get(k) ?? k),
    current: toFigures(currentRows.get(k) ?? EMPTY_COUNTS),
    previous: previous ? toFigures(previousRows.get(k) ?? EMPTY_COUNTS) : null,
  }));
  // Most calls first; the row of calls without a key last; then by name.
  rows.sort((a, b) => Number(a.key === null) - Number(b.key === null) || b.current.offered - a.current.offered || (a.label ?? '').localeCompare(b.label ?? ''));

  const totals = { current: totalOf(current), previous: previous ? totalOf(previous) : null };
  const cells = new Map(distribution.heatMap.map((c) => [`${c.dayOfWeek}-${c.hour}`, c.calls]));
  const heatMap = [];
  for (let dayOfWeek = 1; dayOfWeek <= 7; dayOfWeek++) for (let hour = 0; hour < 24; hour++) heatMap.push({ dayOfWeek, hour, calls: cells.get(`${dayOfWeek}-${hour}`) ?? 0 });

  return {
    tz: request.tz,
    by: request.by,
    period: view(period),
    comparison: comparison ? view(comparison) : null,
    exactPercentiles: currentResult.exact && (previousResult?.exact ?? true),
    totals,
    rows,
    heatMap,
    timeline: { unit, points: distribution.timeline },
    outcomes: { current: outcomeBreakdown(totals.current), previous: totals.previous ? outcomeBreakdown(totals.previous) : null },
  };
}
