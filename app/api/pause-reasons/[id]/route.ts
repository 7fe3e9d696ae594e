import { noContent, withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { RESOURCE_ADMINS } from '@/app/lib/auth/roles';
import { deletePauseReason, updatePauseReason, type PauseReasonInput } from '@/app/lib/agent-status/pause-reasons';

export const dynamic = 'force-dynamic';
type P = { id: string };

export const PATCH = withApi<P>({ roles: RESOURCE_ADMINS }, async (req, { user, params }) =>
  updatePauseReason(user, params.id, await validateBody<Partial<PauseReasonInput>>(req, 'PauseReasonPatch')),
);

export const DELETE = withApi<P>({ roles: RESOURCE_ADMINS }, async (_req, { user, params }) => {
  await deletePauseReason(user, params.id);
  return noContent();
});
