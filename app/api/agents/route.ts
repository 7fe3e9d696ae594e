import { json, withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { RESOURCE_ADMINS } from '@/app/lib/auth/roles';
import { createAgent } from '@/app/lib/agents/create-agent';
import { listAgents } from '@/app/lib/agents/list-agents';
import type { AgentInput } from '@/app/lib/agents/agent-input';

export const dynamic = 'force-dynamic';

export const GET = withApi({}, async (_req, { user }) => ({ agents: await listAgents(user) }));

export const POST = withApi({ roles: RESOURCE_ADMINS }, async (req, { user }) =>
  json(await createAgent(user, await validateBody<AgentInput>(req, 'AgentInput')), 201),
);
