import { noContent, withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { FLOW_EDITORS } from '@/app/lib/auth/roles';
import { deleteFlow } from '@/app/lib/flows/delete-flow';
import { getFlow } from '@/app/lib/flows/get-flow';
import { updateFlow, type UpdateFlowInput } from '@/app/lib/flows/update-flow';

export const dynamic = 'force-dynamic';
type P = { id: string };

export const GET = withApi<P>({}, async (_req, { user, params }) => getFlow(user, params.id));

export const PATCH = withApi<P>({ roles: FLOW_EDITORS }, async (req, { user, params }) =>
  updateFlow(user, params.id, await validateBody<UpdateFlowInput>(req, 'FlowUpdate')),
);

export const DELETE = withApi<P>({ roles: FLOW_EDITORS }, async (_req, { user, params }) => {
  await deleteFlow(user, params.id);
  return noContent();
});
