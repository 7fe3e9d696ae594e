// The directory a call reads (CallContext): the organisation's calendars, groups with their
// members and forbidden lists, loaded once when the call starts; agents' presence from the
// AgentDirectory, read once for the whole organisation when the call starts (one query) and
// then live: each time the interpreter asks, the directory's memory answers (registrations and
// status kept current by the registrar and the agent change listener, "on a call" in memory,
// registration expiry applied at that instant).
// With a LastKnownGood (the FlowStore's), the rows read are kept per organisation and served
// while the database is unreachable; the AgentDirectory serves its kept presences likewise.
import type { PrismaClient } from '../../prisma/client';
import type { AgentDirectory } from '../agents/agent-directory';
import type { Calendar, CallContext, DirectoryForbiddenList, DirectoryGroup } from '../interpreter';
import type { LastKnownGood } from './last-known-good';

async function readDirectory(prisma: PrismaClient, organizationId: string) {
  const where = { organizationId };
  const [calendars, groups, lists] = await Promise.all([
    prisma.calendar.findMany({ where, include: { ranges: true, exceptions: true } }),
    prisma.queueGroup.findMany({ where, include: { members: true } }),
    prisma.forbiddenList.findMany({ where, include: { entries: true } }),
  ]);
  return { calendars, groups, lists };
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
  const fixed = { calendars: calendarMap, groups: groupMap, forbiddenLists: listMap, timezone: org.timezone, homeCountryCode };
  return () => {
    const agentsNow: Record<string, CallContext['agents'][string]> = {};
    for (const a of directory.organizationStates(org.organizationId)) agentsNow[a.agentId] = { id: a.agentId, name: a.name, status: a.state };
    return { ...fixed, agents: agentsNow };
  };
}
