import { json, withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { agentCallsOfDay } from '@/app/lib/agent-console/calls-of-day';
import { currentAgent } from '@/app/lib/agent-console/current-agent';
import { originateCall, type OriginateCallInput } from '@/app/lib/agent-console/originate-call';
import { getPrisma } from '@/prisma/client';

export const dynamic = 'force-dynamic';

/** The signed-in agent's calls of a day (?day=YYYY-MM-DD, default today in the organisation's time zone). */
export const GET = withApi({}, async (req, { user }) => {
  const prisma = getPrisma();
  const agent = await currentAgent(prisma, user);
  return agentCallsOfDay(prisma, agent, new URL(req.url).searchParams.get('day'));
});

/**
 * An outgoing call: the agent's phone rings first, then the number or contact through the trunk
 * with the group's caller ID. 202 { callId } as soon as the agent's phone rings.
 */
export const POST = withApi({}, async (req, { user }) => {
  const body = await validateBody<OriginateCallInput>(req, 'OriginateCallInput');
  return json(await originateCall(user, body), 202);
});
