import { withApi } from '@/app/lib/api/handler';
import { ApiError } from '@/app/lib/api/errors';
import { getAgentStatus } from '@/app/lib/agent-status/agent-status';
import { getPrisma } from '@/prisma/client';

export const dynamic = 'force-dynamic';
type P = { id: string };

/** An agent's status (C1 status object): supervisors and admins any agent, an agent their own. */
export const GET = withApi<P>({}, async (_req, { user, params }) => {
  if (user.role === 'agent') {
    const own = await getPrisma().agent.findFirst({ where: { id: params.id, userId: user.id }, select: { id: true } });
    if (!own) throw new ApiError('NOT_FOUND', `Agent ${params.id} was not found`);
  }
  return getAgentStatus(user, params.id);
});
