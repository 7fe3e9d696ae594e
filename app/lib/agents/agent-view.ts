// What the API returns for an agent: never the HA1 digest, never a password.
import { notFound } from '@/app/lib/api/errors';
import type { Db } from '@/app/lib/db/transaction';
import type { Agent } from '@/prisma/generated/client';

export interface AgentView {
  id: string;
  name: string;
  extension: string | null;
  sipUsername: string;
  sipRealm: string;
  status: string;
  userId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toAgentView(agent: Agent): AgentView {
  return {
    id: agent.id,
    name: agent.name,
    extension: agent.extension,
    sipUsername: agent.sipUsername,
    sipRealm: agent.sipRealm,
    status: agent.status,
    userId: agent.userId,
    createdAt: agent.createdAt,
    updatedAt: agent.updatedAt,
  };
}

export async function findAgent(db: Db, organizationId: string, id: string): Promise<Agent> {
  const agent = await db.agent.findFirst({ where: { id, organizationId } });
  if (!agent) throw notFound('Agent', id);
  return agent;
}
