// The period presets of the statistics page, computed for "now" in the organisation's time
// zone (pure: the clock is a parameter). Weeks start on Monday.
import { DateTime } from 'luxon';
import type { DayRange } from './stats-period';

export const PERIOD_PRESETS = ['today', 'yesterday', 'thisWeek', 'last7Days', 'thisMonth', 'lastMonth'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export function presetRange(preset: PeriodPreset, now: Date, tz: string): DayRange {
  const today = DateTime.fromJSDate(now, { zone: tz }).startOf('day');
  const day = (d: DateTime) => d.toISODate()!;
  switch (preset) {
    case 'today':
      return { from: day(today), to: day(today) };
    case 'yesterday':
      return { from: day(today.minus({ days: 1 })), to: day(today.minus({ days: 1 })) };
    case 'thisWeek':
      return { from: day(today.startOf('week')), to: day(today) };
    case 'last7Days':
      return { from: day(today.minus({ days: 6 })), to: day(today) };
    case 'thisMonth':
      return { from: day(today.startOf('month')), to: day(today) };
    case 'lastMonth': {
      const first = today.startOf('month').minus({ months: 1 });
      return { from: day(first), to: day(first.endOf('month')) };
    }
  }
}
