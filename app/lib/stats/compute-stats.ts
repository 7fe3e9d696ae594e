// The statistics report of a period (and a comparison period) for one organisation:
// figures per row of the chosen dimension and in total, the heat map and timeline of the
// period, the outcome breakdown of both periods. Queries of the two periods run in parallel.
import type { PrismaClient } from '@/prisma/client';
import { EMPTY_COUNTS, outcomeBreakdown, toFigures, type OutcomeKey, type StatsFigures } from './stats-figures';
import { resolvePeriod, type DayRange, type ResolvedPeriod } from './stats-period';
import { queryDistribution, queryFigures, type DistributionCounts, type KeyedCounts, type StatsDimension } from './stats-sql';
import { rowLabels } from './row-labels';

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

export async function computeStats(db: PrismaClient, organizationId: string, request: StatsRequest): Promise<StatsReport> {
  const period = resolvePeriod(request.period, request.tz);
  const comparison = request.comparison ? resolvePeriod(request.comparison, request.tz) : null;
  const unit = period.days === 1 ? 'hour' : 'day';
  const [current, previous, distribution] = await Promise.all([
    queryFigures(db, organizationId, period, request.by),
    comparison ? queryFigures(db, organizationId, comparison, request.by) : Promise.resolve(null),
    queryDistribution(db, organizationId, period, request.tz, unit),
  ]);

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
    totals,
    rows,
    heatMap,
    timeline: { unit, points: distribution.timeline },
    outcomes: { current: outcomeBreakdown(totals.current), previous: totals.previous ? outcomeBreakdown(totals.previous) : null },
  };
}
