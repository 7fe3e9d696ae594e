import type { CurrentUser } from '@/app/lib/auth/current-user';
import { getPrisma } from '@/prisma/client';
import { findAgent, toAgentView, type AgentView } from './agent-view';

export async function getAgent(user: Pick<CurrentUser, 'organizationId'>, id: string): Promise<AgentView> {
  return toAgentView(await findAgent(getPrisma(), user.organizationId, id));
}
