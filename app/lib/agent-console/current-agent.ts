// The Agent the signed-in user is (Agent.userId), for the /api/agent/me routes: 404 NOT_AN_AGENT
// for a user of any role who is not linked to one.
import { ApiError } from '@/app/lib/api/errors';
import type { CurrentUser } from '@/app/lib/auth/current-user';
import type { Db } from '@/app/lib/db/transaction';

export interface MyAgent {
  id: string;
  organizationId: string;
  name: string;
  extension: string | null;
}

export async function currentAgent(db: Db, user: Pick<CurrentUser, 'id' | 'organizationId'>): Promise<MyAgent> {
  const agent = await db.agent.findFirst({ where: { userId: user.id, organizationId: user.organizationId }, select: { id: true, organizationId: true, name: true, extension: true } });
  if (!agent) throw new ApiError('NOT_AN_AGENT', 'Your account is not linked to an agent', { details: { messageKey: 'calls.originateErrors.notAnAgent' } });
  return agent;
}
