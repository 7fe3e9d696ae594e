import { getPrisma } from '@/prisma/client';

export interface GroupForm {
  id?: string;
  name: string;
  ringTimeSeconds: number;
  /** #rrggbb, shown on the agent console. */
  color: string;
  /** Post-call pause after a call of this group, seconds. */
  wrapUpSeconds: number;
  /** Service level target of the statistics, seconds. */
  serviceLevelSeconds: number;
  members: { agentId: string; ringTimeSeconds: number | null }[];
}

export interface AgentOption {
  id: string;
  name: string;
  extension: string | null;
}

export async function loadGroup(organizationId: string, id: string): Promise<GroupForm | null> {
  const group = await getPrisma().queueGroup.findFirst({
    where: { id, organizationId },
    include: { members: { orderBy: { position: 'asc' } } },
  });
  if (!group) return null;
  return {
    id: group.id,
    name: group.name,
    ringTimeSeconds: group.ringTimeSeconds,
    color: group.color,
    wrapUpSeconds: group.wrapUpSeconds,
    serviceLevelSeconds: group.serviceLevelSeconds,
    members: group.members.map((m) => ({ agentId: m.agentId, ringTimeSeconds: m.ringTimeSeconds })),
  };
}

export function listAgentOptions(organizationId: string): Promise<AgentOption[]> {
  return getPrisma().agent.findMany({
    where: { organizationId },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, extension: true },
  });
}
