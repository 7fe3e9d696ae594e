// GET /api/agent/me/calls?day=YYYY-MM-DD (C3): the calls of the signed-in agent that day (every
// call where a CallLeg of theirs rang), newest first; the day is in the organisation's time zone
// (default today). `caller` is the other party's number (inbound: the caller; outbound: the number
// dialled; internal: the calling extension); `durationMs` is the talk time (0 when not answered);
// `outcome` null while the call goes on.
import { DateTime } from 'luxon';
import { ApiError } from '@/app/lib/api/errors';
import type { Db } from '@/app/lib/db/transaction';

export interface AgentDayCall {
  callId: string;
  direction: 'inbound' | 'outbound' | 'internal';
  at: string;
  caller: string | null;
  entryNumber: string;
  contactName: string | null;
  group: { id: string; name: string; color: string } | null;
  durationMs: number;
  outcome: string | null;
}

export function dayBounds(day: string | null, timezone: string, now = new Date()): { from: Date; to: Date } {
  const zone = timezone || 'Europe/Paris';
  let start: DateTime;
  if (day) {
    start = /^\d{4}-\d{2}-\d{2}$/.test(day) ? DateTime.fromISO(day, { zone }) : DateTime.invalid('format');
    if (!start.isValid) {
      throw new ApiError('VALIDATION_FAILED', `day: ${day} is not a date written YYYY-MM-DD`, {
        path: '/day', problems: [{ severity: 'error', code: 'day.invalid', message: 'a date written YYYY-MM-DD', path: '/day' }], details: { messageKey: 'calls.listErrors.invalidDay' },
      });
    }
  } else {
    start = DateTime.fromJSDate(now, { zone }).startOf('day');
  }
  return { from: start.toJSDate(), to: start.plus({ days: 1 }).toJSDate() };
}

type Node = { id?: string; config?: { groupId?: string } };

export async function agentCallsOfDay(db: Db, agent: { id: string; organizationId: string }, day: string | null): Promise<AgentDayCall[]> {
  const org = await db.organization.findUniqueOrThrow({ where: { id: agent.organizationId }, select: { timezone: true } });
  const { from, to } = dayBounds(day, org.timezone);
  const calls = await db.call.findMany({
    where: { organizationId: agent.organizationId, startedAt: { gte: from, lt: to }, legs: { some: { agentId: agent.id } } },
    orderBy: { startedAt: 'desc' },
    take: 500,
    select: {
      id: true, entryNumber: true, caller: true, callee: true, flowVersionId: true, outcome: true, startedAt: true, answeredAt: true, endedAt: true,
      flowVersion: { select: { document: true } },
      events: { where: { OR: [{ kind: 'originate' }, { nodeType: 'queue-group' }] }, orderBy: { seq: 'asc' }, select: { kind: true, nodeId: true, data: true } },
    },
  });
  // the group: the one an outgoing call was placed for, else the last queue-group step of the flow's path
  const groupOf = new Map<string, string>();
  const outbound = new Set<string>();
  for (const c of calls) {
    const placed = c.events.find((e) => e.kind === 'originate');
    if (placed) {
      outbound.add(c.id);
      const g = (placed.data as { groupId?: string } | null)?.groupId;
      if (g) groupOf.set(c.id, g);
      continue;
    }
    const step = [...c.events].reverse().find((e) => e.nodeId);
    const nodes = ((c.flowVersion?.document as { nodes?: Node[] } | null)?.nodes ?? []) as Node[];
    const g = step ? nodes.find((n) => n.id === step.nodeId)?.config?.groupId : undefined;
    if (g) groupOf.set(c.id, g);
  }
  const direction = (c: (typeof calls)[number]) => (outbound.has(c.id) ? 'outbound' : c.flowVersionId ? 'inbound' : 'internal') as AgentDayCall['direction'];
  const other = (c: (typeof calls)[number]) => (direction(c) === 'outbound' ? c.callee : c.caller);
  const [groups, numbers] = await Promise.all([
    db.queueGroup.findMany({ where: { organizationId: agent.organizationId, id: { in: [...new Set(groupOf.values())] } }, select: { id: true, name: true, color: true } }),
    db.contactNumber.findMany({
      where: { organizationId: agent.organizationId, canonical: { in: [...new Set(calls.map(other).filter((n): n is string => !!n))] } },
      orderBy: { position: 'asc' }, select: { canonical: true, contact: { select: { name: true } } },
    }),
  ]);
  const groupById = new Map(groups.map((g) => [g.id, g]));
  const contactByNumber = new Map<string, string>();
  for (const n of numbers) if (!contactByNumber.has(n.canonical)) contactByNumber.set(n.canonical, n.contact.name);
  return calls.map((c) => {
    const g = groupOf.get(c.id);
    const party = other(c);
    return {
      callId: c.id, direction: direction(c), at: c.startedAt.toISOString(), caller: party, entryNumber: c.entryNumber,
      contactName: party ? contactByNumber.get(party) ?? null : null,
      group: g && groupById.has(g) ? groupById.get(g)! : null,
      durationMs: c.answeredAt ? Math.max(0, (c.endedAt ?? new Date()).getTime() - c.answeredAt.getTime()) : 0,
      outcome: c.outcome ?? null,
    };
  });
}
