// What the wallboard (/live, issue 15 item 4) needs besides the live calls: every agent of the
// organisation with its C1 status object (effective status, pause reason, since when) and its
// groups, every queue group (name, colour), and the server's clock (the wall screen's own clock
// may be off: times in status and waits are counted from the server's). One query per table.
// Sent in the `sync` answer when a supervisor's socket asks for it (`sync` with `{ wallboard: true }`,
// app/lib/realtime/live-sockets.ts); afterwards `agent.status` events keep the statuses current.
import type { PrismaClient } from '@/prisma/client';
import { STATUS_SELECT, toStatusView, type AgentStatusView, type StatusRow } from '@/flow-runtime/agents/agent-status';

export interface WallboardAgent {
  agentId: string;
  name: string;
  extension: string | null;
  groupIds: string[];
  status: AgentStatusView;
}

export interface WallboardGroup {
  id: string;
  name: string;
  color: string;
}

export interface WallboardRoster {
  agents: WallboardAgent[];
  groups: WallboardGroup[];
  /** The server's clock when the roster was read (ISO). */
  serverTime: string;
}

/** A roster this large is cut (a wall screen shows a few hundred agents at most). */
export const ROSTER_MAX = 2000;

export async function wallboardRoster(db: Pick<PrismaClient, 'agent' | 'queueGroup'>, organizationId: string): Promise<WallboardRoster> {
  const [agents, groups] = await Promise.all([
    db.agent.findMany({
      where: { organizationId },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      take: ROSTER_MAX,
      select: { ...STATUS_SELECT, name: true, extension: true, memberships: { select: { groupId: true } } },
    }),
    db.queueGroup.findMany({ where: { organizationId }, orderBy: [{ name: 'asc' }, { id: 'asc' }], take: ROSTER_MAX, select: { id: true, name: true, color: true } }),
  ]);
  const now = Date.now();
  return {
    agents: agents.map((a) => ({
      agentId: a.id,
      name: a.name,
      extension: a.extension,
      groupIds: a.memberships.map((m) => m.groupId),
      status: toStatusView(a as unknown as StatusRow, now),
    })),
    groups: groups.map((g) => ({ id: g.id, name: g.name, color: g.color })),
    serverTime: new Date(now).toISOString(),
  };
}
