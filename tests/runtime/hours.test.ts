// Business hours: weekly ranges in the calendar's time zone, DST, exceptions, French holidays, next opening.
import { describe, expect, it } from 'vitest';
import { calendarStatus, easterSunday, nextOpening, publicHolidays, registerPublicHolidays, type Calendar } from '@/flow-runtime/interpreter';
import { buildFlow, bye, TestCall } from './support/call';
import { OFFICE_CALENDAR, T_CLOSED, T_HOLIDAY, T_OPEN } from './support/context';

const at = (iso: string) => Date.parse(iso);
const cal = (patch: Partial<Calendar> = {}): Calendar => ({ ...OFFICE_CALENDAR, ...patch });

describe('calendarStatus', () => {
  it.each([
    ['Tue 10:00 Paris (winter, UTC+1)', '2025-01-14T09:00:00Z', 'open'],
    ['Tue 12:45 Paris, lunch break', '2025-01-14T11:45:00Z', 'closed'],
    ['Tue 08:59 Paris', '2025-01-14T07:59:00Z', 'closed'],
    ['Tue 17:59 Paris', '2025-01-14T16:59:00Z', 'open'],
    ['Tue 18:00 Paris (end excluded)', '2025-01-14T17:00:00Z', 'closed'],
    ['Sat 11:00 Paris', '2025-01-18T10:00:00Z', 'open'],
    ['Sun 11:00 Paris', '2025-01-19T10:00:00Z', 'closed'],
    ['Tue 09:30 Paris in summer (UTC+2)', '2025-07-15T07:30:00Z', 'open'],
    ['Tue 08:30 Paris in summer = 07:30 winter offset', '2025-07-15T06:30:00Z', 'closed'],
    ['Mon 31 March 2025 09:05, the day after the DST change', '2025-03-31T07:05:00Z', 'open'],
    ['Jan 1st', '2025-01-01T10:00:00Z', 'holiday'],
    ['Easter Monday 2025', '2025-04-21T08:00:00Z', 'holiday'],
    ['Ascension 2025 (29 May)', '2025-05-29T08:00:00Z', 'holiday'],
    ['Whit Monday 2025 (9 June)', '2025-06-09T08:00:00Z', 'holiday'],
    ['14 July 2025', '2025-07-14T08:00:00Z', 'holiday'],
    ['Christmas 2026', '2026-12-25T09:00:00Z', 'holiday'],
  ])('%s → %s', (_label, iso, expected) => {
    expect(calendarStatus(OFFICE_CALENDAR, at(iso))).toBe(expected);
  });

  it('Easter dates', () => {
    expect(easterSunday(2024)).toEqual({ month: 3, day: 31 });
    expect(easterSunday(2025)).toEqual({ month: 4, day: 20 });
    expect(easterSunday(2026)).toEqual({ month: 4, day: 5 });
    expect(easterSunday(2038)).toEqual({ month: 4, day: 25 });
  });

  it('exceptions: closed day, partial closure, special opening (even on a holiday), dated holiday', () => {
    const c = cal({
      exceptions: [
        { date: '2025-01-14', kind: 'closed', startMinute: 9 * 60, endMinute: 11 * 60 },
        { date: '2025-01-15', kind: 'closed' },
        { date: '2025-01-19', kind: 'open', startMinute: 10 * 60, endMinute: 12 * 60, label: 'Portes ouvertes' },
        { date: '2025-06-09', kind: 'open', startMinute: 9 * 60, endMinute: 17 * 60, label: 'Journée de solidarité' },
        { date: '2025-01-16', kind: 'holiday', label: 'Fermeture annuelle' },
      ],
    });
    expect(calendarStatus(c, at('2025-01-14T09:00:00Z'))).toBe('closed');
    expect(calendarStatus(c, at('2025-01-14T10:30:00Z'))).toBe('open');
    expect(calendarStatus(c, at('2025-01-15T10:00:00Z'))).toBe('closed');
    expect(calendarStatus(c, at('2025-01-19T10:00:00Z'))).toBe('open');
    expect(calendarStatus(c, at('2025-01-19T12:00:00Z'))).toBe('closed');
    expect(calendarStatus(c, at('2025-06-09T08:00:00Z'))).toBe('open');
    expect(calendarStatus(c, at('2025-01-16T10:00:00Z'))).toBe('holiday');
  });

  it('other countries can be added; a calendar without holidays ignores them', () => {
    registerPublicHolidays('XX', (year) => [`${year}-01-14`]);
    expect(publicHolidays('XX', 2025).has('2025-01-14')).toBe(true);
    expect(calendarStatus(cal({ holidayCountry: 'XX' }), T_OPEN)).toBe('holiday');
    expect(calendarStatus(cal({ holidayCountry: null }), at('2025-04-21T08:00:00Z'))).toBe('open');
    expect(calendarStatus(cal({ holidayCountry: 'FR-57' }), at('2025-12-26T09:00:00Z'))).toBe('holiday');
  });

  it('a calendar in another time zone', () => {
    const montreal = cal({ timezone: 'America/Toronto', holidayCountry: null });
    expect(calendarStatus(montreal, at('2025-01-14T15:00:00Z'))).toBe('open'); // 10:00 in Toronto
    expect(calendarStatus(montreal, at('2025-01-14T09:00:00Z'))).toBe('closed'); // 04:00 in Toronto
  });
});

describe('nextOpening', () => {
  it.each([
    ['when open: now', '2025-01-14T09:00:00Z', '2025-01-14T09:00:00Z'],
    ['lunch break: 14:00', '2025-01-14T11:45:00Z', '2025-01-14T13:00:00Z'],
    ['Tuesday evening: Wednesday 09:00', '2025-01-14T19:00:00Z', '2025-01-15T08:00:00Z'],
    ['Saturday afternoon: Monday 09:00', '2025-01-18T13:00:00Z', '2025-01-20T08:00:00Z'],
    ['Easter Sunday: Tuesday (Monday is a holiday), summer time', '2025-04-20T10:00:00Z', '2025-04-22T07:00:00Z'],
    ['Saturday before the DST change: Monday 09:00 in summer time', '2025-03-29T12:00:00Z', '2025-03-31T07:00:00Z'],
  ])('%s', (_label, from, expected) => {
    expect(new Date(nextOpening(OFFICE_CALENDAR, at(from)) as number).toISOString()).toBe(new Date(at(expected)).toISOString());
  });

  it('null for a calendar that never opens', () => {
    expect(nextOpening(cal({ ranges: [] }), T_OPEN, 30)).toBeNull();
  });
});

describe('hours step', () => {
  const flow = buildFlow(
    [{ id: 'h', type: 'hours', config: { calendarId: 'cal_bureau' } }, bye('o'), bye('c'), bye('x')],
    [
      ['h', 'open', 'o'],
      ['h', 'closed', 'c'],
      ['h', 'holiday', 'x'],
    ],
  );
  it.each([
    [T_OPEN, 'h:open'],
    [T_CLOSED, 'h:closed'],
    [T_HOLIDAY, 'h:holiday'],
  ])('at %s → %s', (time, output) => {
    expect(new TestCall(flow, undefined, { at: time }).start().taken()).toEqual([output]);
  });

  it('holiday falls back to closed when unconnected; an unknown calendar is closed', () => {
    const f = buildFlow(
      [{ id: 'h', type: 'hours', config: { calendarId: 'cal_bureau' } }, bye('o'), bye('c')],
      [
        ['h', 'open', 'o'],
        ['h', 'closed', 'c'],
      ],
    );
    expect(new TestCall(f, undefined, { at: T_HOLIDAY }).start().taken()).toEqual(['h:closed']);
    const call = new TestCall(f, { ...new TestCall(f).context, calendars: {} }).start();
    expect(call.taken()).toEqual(['h:closed']);
  });
});
