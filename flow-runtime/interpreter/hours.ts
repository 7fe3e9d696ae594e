// Business hours: is a calendar open, closed or on holiday at an instant, and when does it
// next open. Wall-clock times are read in the calendar's time zone with luxon, so daylight
// saving changes are handled (a range 09:00–18:00 means local time on every day).
//
// For one local date, the day plan is decided in this order:
// 1. an exception of kind "holiday" on the date → holiday, closed all day;
// 2. exceptions of kind "open" → special opening: only their ranges (no range = all day),
//    even on a public holiday or a day without weekly ranges;
// 3. an exception "closed" without range → closed all day;
// 4. a built-in public holiday of holidayCountry → holiday, closed all day;
// 5. the weekly ranges of the date's ISO weekday, minus the ranges of "closed" exceptions.
import { DateTime } from 'luxon';
import type { Calendar } from './context';
import { publicHolidays } from './public-holidays';

export type CalendarStatus = 'open' | 'closed' | 'holiday';

export interface DayPlan {
  holiday: boolean;
  /** Open intervals in minutes from local midnight, [start, end), sorted. */
  intervals: Array<[number, number]>;
}

function range(start: number | null | undefined, end: number | null | undefined): [number, number] {
  return [Math.max(0, start ?? 0), Math.min(1440, end ?? 1440)];
}

function subtract(intervals: Array<[number, number]>, cut: [number, number]): Array<[number, number]> {
  const result: Array<[number, number]> = [];
  for (const [s, e] of intervals) {
    if (cut[1] <= s || cut[0] >= e) result.push([s, e]);
    else {
      if (cut[0] > s) result.push([s, cut[0]]);
      if (cut[1] < e) result.push([cut[1], e]);
    }
  }
  return result;
}

/** The open intervals of one local date (YYYY-MM-DD) with its ISO weekday. */
export function dayPlan(calendar: Calendar, date: string, weekday: number): DayPlan {
  const exceptions = calendar.exceptions.filter((e) => e.date === date);
  if (exceptions.some((e) => e.kind === 'holiday')) return { holiday: true, intervals: [] };
  const openings = exceptions.filter((e) => e.kind === 'open');
  if (openings.length > 0) return { holiday: false, intervals: openings.map((e) => range(e.startMinute, e.endMinute)).sort((a, b) => a[0] - b[0]) };
  const closings = exceptions.filter((e) => e.kind === 'closed');
  if (closings.some((e) => e.startMinute == null && e.endMinute == null)) return { holiday: false, intervals: [] };
  if (calendar.holidayCountry && publicHolidays(calendar.holidayCountry, Number(date.slice(0, 4))).has(date)) {
    return { holiday: true, intervals: [] };
  }
  let intervals = calendar.ranges
    .filter((r) => r.weekday === weekday && r.endMinute > r.startMinute)
    .map((r) => range(r.startMinute, r.endMinute))
    .sort((a, b) => a[0] - b[0]);
  for (const c of closings) intervals = subtract(intervals, range(c.startMinute, c.endMinute));
  return { holiday: false, intervals };
}

/** open / closed / holiday at `instant` (epoch ms). */
export function calendarStatus(calendar: Calendar, instant: number): CalendarStatus {
  const local = DateTime.fromMillis(instant, { zone: calendar.timezone });
  if (!local.isValid) return 'closed';
  const plan = dayPlan(calendar, local.toISODate() as string, local.weekday);
  const minute = local.hour * 60 + local.minute;
  if (plan.intervals.some(([s, e]) => minute >= s && minute < e)) return 'open';
  return plan.holiday ? 'holiday' : 'closed';
}

/**
 * The first instant at or after `from` when the calendar is open (`from` itself when open),
 * looking up to `horizonDays` ahead; null when it never opens in that time.
 */
export function nextOpening(calendar: Calendar, from: number, horizonDays = 366): number | null {
  const start = DateTime.fromMillis(from, { zone: calendar.timezone });
  if (!start.isValid) return null;
  for (let d = 0; d <= horizonDays; d++) {
    const day = start.startOf('day').plus({ days: d });
    const plan = dayPlan(calendar, day.toISODate() as string, day.weekday);
    for (const [s, e] of plan.intervals) {
      const opensAt = day.set({ hour: Math.floor(s / 60), minute: s % 60 });
      const closesAt = e >= 1440 ? day.plus({ days: 1 }) : day.set({ hour: Math.floor(e / 60), minute: e % 60 });
      if (closesAt.toMillis() <= from) continue;
      const candidate = Math.max(opensAt.toMillis(), from);
      // A local time skipped by a DST change moves forward; make sure it is really open.
      if (calendarStatus(calendar, candidate) === 'open') return candidate;
    }
  }
  return null;
}
