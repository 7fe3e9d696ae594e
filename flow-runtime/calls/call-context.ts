// The directory a call reads (CallContext): the organisation's calendars, groups with their
// members, forbidden lists, and agents' presence from the AgentDirectory. Loaded once when the
// call starts; "on a call" is read live (in memory) each time the interpreter asks.
// With a LastKnownGood (the FlowStore's), the rows read are kept per organisation and served
// while the database is unreachable (presence then is as of the last call that could read it).
import type { PrismaClient } from '../../prisma/client';
import type { AgentDirectory } from '../agents/agent-directory';
import type { AgentPresence, Calendar, CallContext, DirectoryForbiddenList, DirectoryGroup } from '../interpreter';
import type { LastKnownGood } from './last-known-good';

async function readDirectory(prisma: PrismaClient, directory: AgentDirectory, organizationId: string) {
  const where = { organizationId };
  const [calendars, groups, lists, agents] = await Promise.all([
    prisma.calendar.findMany({ where, include: { ranges: true, exceptions: true } }),
    prisma.queueGroup.findMany({ where, include: { members: true } }),
    prisma.forbiddenList.findMany({ where, include: { entries: true } }),
    prisma.agent.findMany({ where, select: { id: true } }),
  ]);
  const presences = await Promise.all(agents.map((a) => directory.presence(a.id)));
  return { calendars, groups, lists, presences };
}

export async function loadCallContext(
  prisma: PrismaClient,
  directory: AgentDirectory,
  org: { organizationId: string; timezone: string },
  homeCountryCode = '33',
  lastKnown?: LastKnownGood,
): Promise<() => CallContext> {
  const read = () => readDirectory(prisma, directory, org.organizationId);
  const { calendars, groups, lists, presences } = await (lastKnown ? lastKnown.lookup('call context', org.organizationId, read) : read());

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
  // Registration and status as of the call's start; being on a call is read live.
  const base = new Map<string, { name: string; status: AgentPresence }>();
  for (const p of presences) {
    if (!p) continue;
    const status: AgentPresence = !p.reachable || p.status === 'offline' ? 'offline' : p.status === 'paused' ? 'paused' : 'available';
    base.set(p.agentId, { name: p.name, status });
  }
  const fixed = { calendars: calendarMap, groups: groupMap, forbiddenLists: listMap, timezone: org.timezone, homeCountryCode };
  return () => {
    const agentsNow: Record<string, CallContext['agents'][string]> = {};
    for (const [id, a] of base) {
      agentsNow[id] = { id, name: a.name, status: a.status === 'available' && directory.isOnCall(id) ? 'busy' : a.status };
    }
    return { ...fixed, agents: agentsNow };
  };
}
