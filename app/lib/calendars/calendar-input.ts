// Checks the schema cannot express (a real IANA zone, start before end, ranges only on open
// exceptions) and turns the input into rows.
import { IANAZone } from 'luxon';
import { ApiError, pointer } from '@/app/lib/api/errors';
import { parseMinutes } from './time-of-day';

interface TimeRange {
  start: string;
  end: string;
}

export interface CalendarInput {
  name: string;
  timezone: string;
  holidayCountry?: string | null;
  ranges?: (TimeRange & { weekday: number })[];
  exceptions?: { date: string; kind: 'closed' | 'open' | 'holiday'; ranges?: TimeRange[]; label?: string | null }[];
}

function invalid(path: string, message: string): never {
  throw new ApiError('VALIDATION_FAILED', `${path}: ${message}`, { path, problems: [{ severity: 'error', code: 'calendar.invalid', path, message }] });
}

function checkRange(range: TimeRange, at: string) {
  if (parseMinutes(range.start) >= parseMinutes(range.end)) invalid(`${at}/end`, `must be after the start (${range.start})`);
}

export function checkCalendarInput(input: Partial<CalendarInput>): void {
  if (input.timezone !== undefined && !IANAZone.isValidZone(input.timezone)) {
    invalid('/timezone', `"${input.timezone}" is not an IANA time zone (e.g. Europe/Paris)`);
  }
  input.ranges?.forEach((r, i) => checkRange(r, pointer('ranges', i)));
  input.exceptions?.forEach((e, i) => {
    const at = pointer('exceptions', i);
    if (e.kind === 'open' && !e.ranges?.length) invalid(`${at}/ranges`, 'an "open" exception needs at least one opening range');
    if (e.kind !== 'open' && e.ranges?.length) invalid(`${at}/ranges`, `only "open" exceptions have opening ranges ("${e.kind}" closes the whole day)`);
    e.ranges?.forEach((r, j) => checkRange(r, `${at}/ranges/${j}`));
  });
}

export function rangeRows(ranges: NonNullable<CalendarInput['ranges']>) {
  return ranges.map((r) => ({ weekday: r.weekday, startMinute: parseMinutes(r.start), endMinute: parseMinutes(r.end) }));
}

export interface ExceptionRow {
  date: string;
  kind: 'closed' | 'open' | 'holiday';
  label: string | null;
  startMinute: number | null;
  endMinute: number | null;
}

export function exceptionRows(exceptions: NonNullable<CalendarInput['exceptions']>): ExceptionRow[] {
  return exceptions.flatMap((e): ExceptionRow[] => {
    const base = { date: e.date, kind: e.kind, label: e.label ?? null };
    if (!e.ranges?.length) return [{ ...base, startMinute: null, endMinute: null }];
    return e.ranges.map((r) => ({ ...base, startMinute: parseMinutes(r.start), endMinute: parseMinutes(r.end) }));
  });
}
