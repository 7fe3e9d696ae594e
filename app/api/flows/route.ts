import { json, withApi } from '@/app/lib/api/handler';
import { FLOW_EDITORS } from '@/app/lib/auth/roles';
import { createFlow, type CreateFlowInput } from '@/app/lib/flows/create-flow';
import { listFlows } from '@/app/lib/flows/list-flows';
import { readFlowBody } from '@/app/lib/flows/validate-flow-body';

export const dynamic = 'force-dynamic';

export const GET = withApi({}, async (_req, { user }) => ({ flows: await listFlows(user) }));

export const POST = withApi({ roles: FLOW_EDITORS }, async (req, { user }) => {
  const input = await readFlowBody<CreateFlowInput>(req, 'FlowCreate');
  return json(await createFlow(user, input), 201);
});
