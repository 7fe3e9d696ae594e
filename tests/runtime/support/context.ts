// A CallContext built from the fixture organisation (tests/fixtures/references.ts).
import type { AgentPresence, Calendar, CallContext } from '@/flow-runtime/interpreter';
import { FIXTURE_ORGANISATION } from '@/tests/fixtures/references';

/** Office hours: Mon–Fri 09:00–12:30 and 14:00–18:00, Sat 09:00–12:00, Europe/Paris, French holidays. */
export const OFFICE_CALENDAR: Calendar = {
  id: 'cal_bureau',
  timezone: 'Europe/Paris',
  holidayCountry: 'FR',
  ranges: [
    ...[1, 2, 3, 4, 5].flatMap((weekday) => [
      { weekday, startMinute: 9 * 60, endMinute: 12 * 60 + 30 },
      { weekday, startMinute: 14 * 60, endMinute: 18 * 60 },
    ]),
    { weekday: 6, startMinute: 9 * 60, endMinute: 12 * 60 },
  ],
  exceptions: [],
};

export function fixtureContext(presence: Record<string, AgentPresence> = {}): CallContext {
  return {
    calendars: { cal_bureau: OFFICE_CALENDAR },
    groups: Object.fromEntries(
      FIXTURE_ORGANISATION.groups.map((g) => [g.id, { id: g.id, ringTimeSeconds: 20, members: g.agents.map((agentId, position) => ({ agentId, position })) }]),
    ),
    agents: Object.fromEntries(FIXTURE_ORGANISATION.agents.map((a) => [a.id, { id: a.id, name: a.name, status: presence[a.id] ?? 'available' }])),
    forbiddenLists: Object.fromEntries(FIXTURE_ORGANISATION.forbiddenLists.map((l) => [l.id, { id: l.id, patterns: [...l.patterns] }])),
    timezone: 'Europe/Paris',
    homeCountryCode: '33',
  };
}

/** Tuesday 14 January 2025, 10:00 in Paris (open). */
export const T_OPEN = Date.parse('2025-01-14T09:00:00Z');
/** Tuesday 14 January 2025, 20:00 in Paris (closed). */
export const T_CLOSED = Date.parse('2025-01-14T19:00:00Z');
/** Easter Monday 21 April 2025, 10:00 in Paris (holiday). */
export const T_HOLIDAY = Date.parse('2025-04-21T08:00:00Z');
