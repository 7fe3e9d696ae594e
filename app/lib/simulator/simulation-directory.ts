// The directory a simulated call reads, as a live call would read it now: the organisation's
// calendars, groups with their members, forbidden lists, and every agent with their presence
// at this instant (what flow-runtime/agents/agent-directory.ts computes: offline without an
// unexpired SIP registration or when offline is chosen/locked, paused, busy while ringing,
// on a call or in a post-call pause, else available). Plus the published documents of the
// flows a redirect step names (followed from flow to flow, at most MAX_LINKED_FLOWS), since a
// simulated call continues in them as a live one would.
import { listFlowReferences } from '@/schemas';
import type { AgentPresence, CallContext } from '@/flow-runtime/interpreter';
import type { Db } from '@/app/lib/db/transaction';
import { directoryMaps } from '@/flow-runtime/calls/call-context';

/** Flows a simulation loads through redirect steps, beyond the one simulated. */
export const MAX_LINKED_FLOWS = 50;

export interface LinkedFlow {
  name: string;
  /** The flow's live (newest published) document. */
  document: unknown;
}

export interface SimulationDirectory {
  context: CallContext;
  agents: { id: string; name: string; status: AgentPresence }[];
  groups: { id: string; name: string }[];
  /** Published documents of the flows redirect steps name (directly or through another flow). */
  flows: Record<string, LinkedFlow>;
}

/** The home country code a live call uses (the trunk's, TRUNK_COUNTRY_CODE; 33 by default). */
export function homeCountryCode(): string {
  return process.env.TRUNK_COUNTRY_CODE || '33';
}

interface AgentRow {
  id: string;
  name: string;
  status: string;
  lockStatus: string | null;
  activity: string | null;
  wrapUpEndsAt: Date | null;
  registrations: { expiresAt: Date }[];
}

/** The presence the runtime would give an agent at `now` (the same rules as AgentDirectory). */
export function presenceOf(row: AgentRow, now: number): AgentPresence {
  const chosen = row.lockStatus ?? row.status;
  const reachable = row.registrations.some((r) => r.expiresAt.getTime() > now);
  if (!reachable || chosen === 'offline') return 'offline';
  if (chosen === 'paused') return 'paused';
  const wrapping = row.activity === 'wrap_up' && row.wrapUpEndsAt !== null && row.wrapUpEndsAt.getTime() > now;
  if (row.activity === 'ringing' || row.activity === 'in_call' || wrapping) return 'busy';
  return 'available';
}

/** Published documents of the flows `document` redirects to, and of the flows those redirect to. */
export async function loadLinkedFlows(db: Db, organizationId: string, document: unknown, selfId?: string, extraIds: readonly string[] = []): Promise<Record<string, LinkedFlow>> {
  const flows: Record<string, LinkedFlow> = {};
  const seen = new Set<string>(selfId ? [selfId] : []);
  let pending = [...new Set([...listFlowReferences(document).flows, ...extraIds])].filter((id) => !seen.has(id));
  while (pending.length > 0 && Object.keys(flows).length < MAX_LINKED_FLOWS) {
    for (const id of pending) seen.add(id);
    const rows = await db.flowVersion.findMany({
      where: { organizationId, flowId: { in: pending }, status: 'published', flow: { deletedAt: null } },
      orderBy: [{ flowId: 'asc' }, { number: 'desc' }],
      distinct: ['flowId'],
      select: { flowId: true, document: true, flow: { select: { name: true } } },
    });
    const next: string[] = [];
    for (const row of rows) {
      if (Object.keys(flows).length >= MAX_LINKED_FLOWS) break;
      flows[row.flowId] = { name: row.flow.name, document: row.document };
      for (const id of listFlowReferences(row.document).flows) if (!seen.has(id) && !next.includes(id)) next.push(id);
    }
    pending = next;
  }
  return flows;
}

/**
 * The organisation's directory for a simulation of `document` (the flow simulated), read
 * now. `selfId`: the simulated flow's id (a redirect to itself needs no other document);
 * `extraFlowIds`: more flows to give (redirects of an unsaved draft).
 */
export async function loadSimulationDirectory(
  db: Db,
  organization: { id: string; timezone: string },
  document: unknown,
  selfId?: string,
  extraFlowIds: readonly string[] = [],
  now = Date.now(),
): Promise<SimulationDirectory> {
  const where = { organizationId: organization.id };
  const [calendars, groups, lists, agents, flows] = await Promise.all([
    db.calendar.findMany({ where, include: { ranges: true, exceptions: true } }),
    db.queueGroup.findMany({ where, orderBy: [{ name: 'asc' }, { id: 'asc' }], include: { members: true } }),
    db.forbiddenList.findMany({ where, include: { entries: true } }),
    db.agent.findMany({
      where,
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      select: { id: true, name: true, status: true, lockStatus: true, activity: true, wrapUpEndsAt: true, registrations: { select: { expiresAt: true } } },
    }),
    loadLinkedFlows(db, organization.id, document, selfId, extraFlowIds),
  ]);

  const { calendars: calendarMap, groups: groupMap, forbiddenLists: listMap } = directoryMaps({ calendars, groups, lists });
  const agentList = agents.map((a) => ({ id: a.id, name: a.name, status: presenceOf(a, now) }));
  const agentMap: CallContext['agents'] = Object.fromEntries(agentList.map((a) => [a.id, a]));

  return {
    context: {
      calendars: calendarMap, groups: groupMap, agents: agentMap, forbiddenLists: listMap,
      timezone: organization.timezone, homeCountryCode: homeCountryCode(),
    },
    agents: agentList,
    groups: groups.map((g) => ({ id: g.id, name: g.name })),
    flows,
  };
}
