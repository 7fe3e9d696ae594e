import { withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { setMyWrapUp } from '@/app/lib/agent-status/agent-status';

export const dynamic = 'force-dynamic';

/** The agent's post-call pause (PPA) for the current call, in seconds (0..3600). */
export const PUT = withApi({}, async (req, { user }) => setMyWrapUp(user, (await validateBody<{ seconds: number }>(req, 'AgentWrapUpInput')).seconds));
