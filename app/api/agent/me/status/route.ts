import { withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { setMyStatus, type StatusInput } from '@/app/lib/agent-status/agent-status';

export const dynamic = 'force-dynamic';

/** The agent chooses available / paused (with a reason) / offline; 423 STATUS_LOCKED while locked. */
export const PUT = withApi({}, async (req, { user }) => setMyStatus(user, await validateBody<StatusInput>(req, 'AgentStatusInput')));
