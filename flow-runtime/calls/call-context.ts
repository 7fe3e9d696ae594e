// The directory a call reads (CallContext): the organisation's calendars, groups with their
// members and forbidden lists, loaded once when the call starts; agents' presence from the
// AgentDirectory, read once for the whole organisation when the call starts (one query) and
// then live: each time the interpreter asks, the directory's memory answers (registrations and
// status kept current by the registrar and the agent change listener, "on a call" in memory,
// registration expiry applied at that instant).
// With a LastKnownGood (the FlowStore's), the rows read are kept per organisation and served
// while the database is unreachable; the AgentDirectory serves its kept presences likewise.
import { sqlPool, type PrismaClient } from '../../prisma/client';
import type { AgentDirectory } from '../agents/agent-directory';
import type { Calendar, CallContext, DirectoryForbiddenList, DirectoryGroup } from '../interpreter';
import type { LastKnownGood } from './last-known-good';

export interface DirectoryRows {
  calendars: Array<{ id: string; timezone: string; holidayCountry: string | null;
    ranges: Array<{ weekday: number; startMinute: number; endMinute: number }>;
    exceptions: Array<{ date: string; kind: 'closed' | 'open' | 'holiday'; startMinute: number | null; endMinute: number | null; label: string | null }> }>;
  groups: Array<{ id: string; ringTimeSeconds: number; members: Array<{ agentId: string; position: number; ringTimeSeconds: number | null }> }>;
  lists: Array<{ id: string; entries: Array<{ kind: string; pattern: string }> }>;
}

/**
 * The same rows in one plain statement (issue 18): the three Prisma reads with their includes were
 * six queries and about 8 ms of CPU per call; this is one round trip and well under 1 ms.
 */
const DIRECTORY_SQL = `SELECT
  (SELECT coalesce(json_agg(json_build_object('id', c."id", 'timezone', c."timezone", 'holidayCountry', c."holidayCountry",
     'ranges', (SELECT coalesce(json_agg(json_build_object('weekday', r."weekday", 'startMinute', r."startMinute", 'endMinute', r."endMinute") ORDER BY r."id"), '[]') FROM "CalendarRange" r WHERE r."calendarId" = c."id"),
     'exceptions', (SELECT coalesce(json_agg(json_build_object('date', e."date", 'kind', e."kind", 'startMinute', e."startMinute", 'endMinute', e."endMinute", 'label', e."label") ORDER BY e."id"), '[]') FROM "CalendarException" e WHERE e."calendarId" = c."id")
   ) ORDER BY c."id"), '[]') FROM "Calendar" c WHERE c."organizationId" = $1) AS calendars,
  (SELECT coalesce(json_agg(json_build_object('id', g."id", 'ringTimeSeconds', g."ringTimeSeconds",
     'members', (SELECT coalesce(json_agg(json_build_object('agentId', m."agentId", 'position', m."position", 'ringTimeSeconds', m."ringTimeSeconds") ORDER BY m."id"), '[]') FROM "GroupMember" m WHERE m."groupId" = g."id")
   ) ORDER BY g."id"), '[]') FROM "QueueGroup" g WHERE g."organizationId" = $1) AS groups,
  (SELECT coalesce(json_agg(json_build_object('id', l."id",
     'entries', (SELECT coalesce(json_agg(json_build_object('kind', x."kind", 'pattern', x."pattern") ORDER BY x."id"), '[]') FROM "ForbiddenEntry" x WHERE x."listId" = l."id")
   ) ORDER BY l."id"), '[]') FROM "ForbiddenList" l WHERE l."organizationId" = $1) AS lists`;

async function readDirectory(prisma: PrismaClient, organizationId: string): Promise<DirectoryRows> {
  const sql = sqlPool(prisma);
  if (sql) {
    const { rows } = await sql.query<DirectoryRows>(DIRECTORY_SQL, [organizationId]);
    return rows[0];
  }
  const where = { organizationId };
  const [calendars, groups, lists] = await Promise.all([
    prisma.calendar.findMany({ where, include: { ranges: true, exceptions: true } }),
    prisma.queueGroup.findMany({ where, include: { members: true } }),
    prisma.forbiddenList.findMany({ where, include: { entries: true } }),
  ]);
  return { calendars, groups, lists };
}

/**
 * The directory rows as the interpreter reads them (by id), shared with the admin's simulator
 * (app/lib/simulator/simulation-directory.ts): a prefix entry of a forbidden list matches with a
 * trailing `*`.
 */
export function directoryMaps({ calendars, groups, lists }: DirectoryRows): Pick<CallContext, 'calendars' | 'groups' | 'forbiddenLists'> {
  const calendarMap: Record<string, Calendar> = {};
  for (const c of calendars) {
    calendarMap[c.id] = {
      id: c.id, timezone: c.timezone, holidayCountry: c.holidayCountry,
      ranges: c.ranges.map((r) => ({ weekday: r.weekday, startMinute: r.startMinute, endMinute: r.endMinute })),
      exceptions: c.exceptions.map((e) => ({ date: e.date, kind: e.kind, startMinute: e.startMinute, endMinute: e.endMinute, label: e.label })),
    };
  }
  const groupMap: Record<string, DirectoryGroup> = {};
  for (const g of groups) {
    groupMap[g.id] = {
      id: g.id, ringTimeSeconds: g.ringTimeSeconds,
      members: g.members.map((m) => ({ agentId: m.agentId, position: m.position, ringTimeSeconds: m.ringTimeSeconds })),
    };
  }
  const listMap: Record<string, DirectoryForbiddenList> = {};
  for (const l of lists) {
    listMap[l.id] = { id: l.id, patterns: l.entries.map((e) => (e.kind === 'prefix' && !e.pattern.endsWith('*') ? `${e.pattern}*` : e.pattern)) };
  }
  return { calendars: calendarMap, groups: groupMap, forbiddenLists: listMap };
}

export async function loadCallContext(
  prisma: PrismaClient,
  directory: AgentDirectory,
  org: { organizationId: string; timezone: string },
  homeCountryCode = '33',
  lastKnown?: LastKnownGood,
): Promise<() => CallContext> {
  const read = () => readDirectory(prisma, org.organizationId);
  const [{ calendars, groups, lists }] = await Promise.all([
    lastKnown ? lastKnown.lookup('call context', org.organizationId, read) : read(),
    directory.loadOrganization(org.organizationId),
  ]);

  const { calendars: calendarMap, groups: groupMap, forbiddenLists: listMap } = directoryMaps({ calendars, groups, lists });
  const fixed = { calendars: calendarMap, groups: groupMap, forbiddenLists: listMap, timezone: org.timezone, homeCountryCode };
  return () => {
    const agentsNow: Record<string, CallContext['agents'][string]> = {};
    for (const a of directory.organizationStates(org.organizationId)) agentsNow[a.agentId] = { id: a.agentId, name: a.name, status: a.state };
    return { ...fixed, agents: agentsNow };
  };
}
