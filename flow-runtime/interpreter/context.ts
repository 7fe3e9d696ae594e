// The read-only directory a call reads from: calendars, groups and their members, agents'
// presence, forbidden-destination lists. Given to transition() by the session; a live
// implementation may return fresh presence on each call, the interpreter never writes to it.

export interface CalendarRange {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  startMinute: number;
  endMinute: number;
}

export interface CalendarException {
  /** YYYY-MM-DD in the calendar's time zone. */
  date: string;
  /** closed: whole day (or only startMinute–endMinute); open: special opening (whole day or its range); holiday: whole day. */
  kind: 'closed' | 'open' | 'holiday';
  startMinute?: number | null;
  endMinute?: number | null;
  label?: string | null;
}

export interface Calendar {
  id?: string;
  timezone: string;
  /** Built-in public holidays to apply ('FR', 'FR-57' for Alsace-Moselle, or any registered code); null for none. */
  holidayCountry: string | null;
  ranges: CalendarRange[];
  exceptions: CalendarException[];
}

export type AgentPresence = 'available' | 'busy' | 'paused' | 'offline';

export interface DirectoryAgent {
  id: string;
  name?: string;
  status: AgentPresence;
}

export interface DirectoryGroup {
  id: string;
  /** Default ring time per member when the step and the member say nothing. */
  ringTimeSeconds?: number;
  members: { agentId: string; position: number; ringTimeSeconds?: number | null }[];
}

export interface DirectoryForbiddenList {
  id: string;
  /** Exact numbers, or prefixes ending in *. */
  patterns: string[];
}

export interface CallContext {
  calendars: Readonly<Record<string, Calendar>>;
  groups: Readonly<Record<string, DirectoryGroup>>;
  agents: Readonly<Record<string, DirectoryAgent>>;
  forbiddenLists: Readonly<Record<string, DirectoryForbiddenList>>;
  /** Time zone of the hour/minute/weekday/date system variables. */
  timezone: string;
  /** Country calling code of national numbers (caller number normalisation). */
  homeCountryCode: string;
}

export const EMPTY_CONTEXT: CallContext = {
  calendars: {},
  groups: {},
  agents: {},
  forbiddenLists: {},
  timezone: 'Europe/Paris',
  homeCountryCode: '33',
};

/** Group members in ring order (position, then id for stability). */
export function orderedMembers(group: DirectoryGroup): DirectoryGroup['members'] {
  return [...group.members].sort((a, b) => a.position - b.position || (a.agentId < b.agentId ? -1 : 1));
}

export function agentStatus(context: CallContext, agentId: string): AgentPresence {
  return context.agents[agentId]?.status ?? 'offline';
}
