// What the statistics page shows, read from its URL: a preset or custom period, a comparison
// (the previous period by default, none, or custom dates) and the dimension of the rows.
// Pure: the clock and the time zone are parameters (the page passes now and the org's zone).
import { PERIOD_PRESETS, presetRange, type PeriodPreset } from '@/app/lib/stats/period-presets';
import { isDay, previousPeriod, type DayRange } from '@/app/lib/stats/stats-period';
import { STATS_DIMENSIONS, type StatsDimension } from '@/app/lib/stats/stats-dimensions';

export type CompareMode = 'previous' | 'none' | 'custom';

export interface StatsSelection {
  preset: PeriodPreset | 'custom';
  period: DayRange;
  compare: CompareMode;
  comparison: DayRange | null;
  by: StatsDimension;
  /** A custom period or comparison with bad dates fell back to the defaults. */
  invalid: boolean;
}

export type StatsSearchParams = Partial<Record<'preset' | 'from' | 'to' | 'compare' | 'compareFrom' | 'compareTo' | 'by', string>>;

const validRange = (from?: string, to?: string): DayRange | null => (from && to && isDay(from) && isDay(to) && from <= to ? { from, to } : null);

export function readSelection(params: StatsSearchParams, now: Date, tz: string): StatsSelection {
  let invalid = false;
  const by = (STATS_DIMENSIONS as readonly string[]).includes(params.by ?? '') ? (params.by as StatsDimension) : 'group';
  const named: PeriodPreset = (PERIOD_PRESETS as readonly string[]).includes(params.preset ?? '') ? (params.preset as PeriodPreset) : 'thisWeek';
  let preset: StatsSelection['preset'] = named;
  let period = presetRange(named, now, tz);
  if (params.preset === 'custom') {
    const custom = validRange(params.from, params.to);
    if (custom) {
      preset = 'custom';
      period = custom;
    } else invalid = true;
  }
  const compare: CompareMode = params.compare === 'none' || params.compare === 'custom' ? params.compare : 'previous';
  let comparison: DayRange | null = compare === 'none' ? null : previousPeriod(period);
  if (compare === 'custom') {
    const custom = validRange(params.compareFrom, params.compareTo);
    if (custom) comparison = custom;
    else invalid = true;
  }
  return { preset, period, compare: custom(compare, comparison, period), comparison, by, invalid };
}

function custom(compare: CompareMode, comparison: DayRange | null, period: DayRange): CompareMode {
  if (compare !== 'custom' || !comparison) return compare;
  const previous = previousPeriod(period);
  return comparison.from === previous.from && comparison.to === previous.to ? 'previous' : 'custom';
}

/** The page's URL (and the CSV export's query) for a selection. */
export function selectionQuery(s: Pick<StatsSelection, 'preset' | 'period' | 'compare' | 'comparison' | 'by'>): URLSearchParams {
  const q = new URLSearchParams();
  q.set('preset', s.preset);
  if (s.preset === 'custom') {
    q.set('from', s.period.from);
    q.set('to', s.period.to);
  }
  q.set('compare', s.compare);
  if (s.compare === 'custom' && s.comparison) {
    q.set('compareFrom', s.comparison.from);
    q.set('compareTo', s.comparison.to);
  }
  q.set('by', s.by);
  return q;
}

/** The query of /api/stats for a selection. */
export function apiQuery(s: StatsSelection): URLSearchParams {
  const q = new URLSearchParams({ from: s.period.from, to: s.period.to, by: s.by });
  if (s.comparison) {
    q.set('compareFrom', s.comparison.from);
    q.set('compareTo', s.comparison.to);
  }
  return q;
}
