// What the API returns for a calendar: times as "HH:MM", exceptions grouped by date.
import { notFound } from '@/app/lib/api/errors';
import type { Db } from '@/app/lib/db/transaction';
import { formatMinutes } from './time-of-day';

const include = {
  ranges: { orderBy: [{ weekday: 'asc' as const }, { startMinute: 'asc' as const }] },
  exceptions: { orderBy: [{ date: 'asc' as const }, { startMinute: 'asc' as const }] },
};

export interface CalendarView {
  id: string;
  name: string;
  timezone: string;
  holidayCountry: string | null;
  ranges: { weekday: number; start: string; end: string }[];
  exceptions: { date: string; kind: 'closed' | 'open' | 'holiday'; ranges: { start: string; end: string }[]; label: string | null }[];
  createdAt: Date;
  updatedAt: Date;
}

type Row = NonNullable<Awaited<ReturnType<typeof findRow>>>;
function findRow(db: Db, organizationId: string, id: string) {
  return db.calendar.findFirst({ where: { id, organizationId }, include });
}

export function toCalendarView(row: Row): CalendarView {
  const exceptions: CalendarView['exceptions'] = [];
  for (const e of row.exceptions) {
    // One row per opening range of an "open" exception: fold them back into one exception.
    const last = exceptions.at(-1);
    const same = last && last.date === e.date && last.kind === e.kind && last.label === (e.label ?? null);
    const range = e.startMinute !== null && e.endMinute !== null ? [{ start: formatMinutes(e.startMinute), end: formatMinutes(e.endMinute) }] : [];
    if (same) last.ranges.push(...range);
    else exceptions.push({ date: e.date, kind: e.kind, ranges: range, label: e.label ?? null });
  }
  return {
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    holidayCountry: row.holidayCountry,
    ranges: row.ranges.map((r) => ({ weekday: r.weekday, start: formatMinutes(r.startMinute), end: formatMinutes(r.endMinute) })),
    exceptions,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function loadCalendarView(db: Db, organizationId: string, id: string): Promise<CalendarView> {
  const row = await findRow(db, organizationId, id);
  if (!row) throw notFound('Calendar', id);
  return toCalendarView(row);
}

export async function listCalendarViews(db: Db, organizationId: string): Promise<CalendarView[]> {
  return (await db.calendar.findMany({ where: { organizationId }, include, orderBy: [{ name: 'asc' }, { id: 'asc' }] })).map(toCalendarView);
}
