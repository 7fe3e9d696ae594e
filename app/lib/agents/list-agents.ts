import type { CurrentUser } from '@/app/lib/auth/current-user';
import { getPrisma } from '@/prisma/client';
import { toAgentView, type AgentView } from './agent-view';

export async function listAgents(user: Pick<CurrentUser, 'organizationId'>): Promise<AgentView[]> {
  const rows = await getPrisma().agent.findMany({ where: { organizationId: user.organizationId }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  return rows.map(toAgentView);
}
