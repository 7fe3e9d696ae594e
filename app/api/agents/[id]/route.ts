import { noContent, withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { RESOURCE_ADMINS } from '@/app/lib/auth/roles';
import { deleteAgent } from '@/app/lib/agents/delete-agent';
import { getAgent } from '@/app/lib/agents/get-agent';
import { updateAgent } from '@/app/lib/agents/update-agent';
import type { AgentInput } from '@/app/lib/agents/agent-input';

export const dynamic = 'force-dynamic';
type P = { id: string };

export const GET = withApi<P>({}, async (_req, { user, params }) => getAgent(user, params.id));

export const PATCH = withApi<P>({ roles: RESOURCE_ADMINS }, async (req, { user, params }) =>
  updateAgent(user, params.id, await validateBody<Partial<AgentInput>>(req, 'AgentPatch')),
);

export const DELETE = withApi<P>({ roles: RESOURCE_ADMINS }, async (_req, { user, params }) => {
  await deleteAgent(user, params.id);
  return noContent();
});
