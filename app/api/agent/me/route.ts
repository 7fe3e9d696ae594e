import { withApi } from '@/app/lib/api/handler';
import { getMyAgent } from '@/app/lib/agent-status/agent-status';

export const dynamic = 'force-dynamic';

/** The signed-in user's agent (any role, linked through Agent.userId) and its status; 404 NOT_AN_AGENT otherwise. */
export const GET = withApi({}, async (_req, { user }) => getMyAgent(user));
