// Calendars as the editor handles them: times as "HH:MM" like the API, not minutes as stored.
import { getPrisma } from '@/prisma/client';

export interface CalendarForm {
  id?: string;
  name: string;
  timezone: string;
  holidayCountry: string | null;
  ranges: { weekday: number; start: string; end: string }[];
  exceptions: { date: string; kind: 'closed' | 'open' | 'holiday'; label: string | null; ranges: { start: string; end: string }[] }[];
}

export function minutesToTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export async function loadCalendar(organizationId: string, id: string): Promise<CalendarForm | null> {
  const calendar = await getPrisma().calendar.findFirst({
    where: { id, organizationId },
    include: { ranges: { orderBy: [{ weekday: 'asc' }, { startMinute: 'asc' }] }, exceptions: { orderBy: { date: 'asc' } } },
  });
  if (!calendar) return null;
  return {
    id: calendar.id,
    name: calendar.name,
    timezone: calendar.timezone,
    holidayCountry: calendar.holidayCountry,
    ranges: calendar.ranges.map((r) => ({ weekday: r.weekday, start: minutesToTime(r.startMinute), end: minutesToTime(r.endMinute) })),
    exceptions: calendar.exceptions.map((e) => ({
      date: e.date,
      kind: e.kind,
      label: e.label,
      ranges: e.startMinute !== null && e.endMinute !== null ? [{ start: minutesToTime(e.startMinute), end: minutesToTime(e.endMinute) }] : [],
    })),
  };
}

/** IANA time zones offered by the editor (from the server's ICU data, so server and browser agree). */
export function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Europe/Paris', 'Europe/Brussels', 'Europe/Zurich', 'America/Montreal', 'Indian/Reunion', 'UTC'];
  }
}

/** A new calendar: weekdays 09:00–12:00 and 14:00–18:00, French public holidays. */
export const newCalendar: CalendarForm = {
  name: '',
  timezone: 'Europe/Paris',
  holidayCountry: 'FR',
  ranges: [1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday, start: '09:00', end: '12:00' },
    { weekday, start: '14:00', end: '18:00' },
  ]),
  exceptions: [],
};
