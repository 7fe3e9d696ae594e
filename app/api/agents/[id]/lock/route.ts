import { withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { STATUS_SUPERVISORS } from '@/app/lib/auth/roles';
import { lockAgent, unlockAgent, type StatusInput } from '@/app/lib/agent-status/agent-status';

export const dynamic = 'force-dynamic';
type P = { id: string };

/** A supervisor forces the agent's status; the agent cannot change it until unlocked. */
export const PUT = withApi<P>({ roles: STATUS_SUPERVISORS }, async (req, { user, params }) =>
  lockAgent(user, params.id, await validateBody<StatusInput>(req, 'AgentStatusInput')),
);

export const DELETE = withApi<P>({ roles: STATUS_SUPERVISORS }, async (_req, { user, params }) => unlockAgent(user, params.id));
