// Periods of the statistics: calendar days in a time zone, turned into the UTC instants the
// Call rows are stored in. A day is midnight to midnight local time, so a day of a DST change
// lasts 23 or 25 hours and a call at 23:30 UTC in winter belongs to the next day in Paris.
import { DateTime, IANAZone } from 'luxon';

export const DEFAULT_TIMEZONE = 'Europe/Paris';

/** Inclusive local days `from`..`to` (YYYY-MM-DD). */
export interface DayRange {
  from: string;
  to: string;
}

export interface ResolvedPeriod extends DayRange {
  /** First instant of `from` in the time zone (inclusive). */
  start: Date;
  /** First instant of the day after `to` (exclusive). */
  end: Date;
  days: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isTimeZone(tz: string): boolean {
  return IANAZone.isValidZone(tz);
}

export function isDay(value: string): boolean {
  return DAY.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

export function resolvePeriod(range: DayRange, tz: string): ResolvedPeriod {
  const start = DateTime.fromISO(range.from, { zone: tz }).startOf('day');
  const last = DateTime.fromISO(range.to, { zone: tz }).startOf('day');
  const end = last.plus({ days: 1 }).startOf('day');
  return { ...range, start: start.toJSDate(), end: end.toJSDate(), days: Math.round(last.diff(start, 'days').days) + 1 };
}

/** The days just before `range`, as many as it has (the "previous period"). */
export function previousPeriod(range: DayRange): DayRange {
  const from = DateTime.fromISO(range.from, { zone: 'UTC' });
  const to = DateTime.fromISO(range.to, { zone: 'UTC' });
  const days = Math.round(to.diff(from, 'days').days) + 1;
  return { from: from.minus({ days }).toISODate()!, to: from.minus({ days: 1 }).toISODate()! };
}
