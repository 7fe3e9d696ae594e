import { json, withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { RESOURCE_ADMINS } from '@/app/lib/auth/roles';
import { createPauseReason, listPauseReasons, type PauseReasonInput } from '@/app/lib/agent-status/pause-reasons';

export const dynamic = 'force-dynamic';

export const GET = withApi({}, async (_req, { user }) => listPauseReasons(user));

export const POST = withApi({ roles: RESOURCE_ADMINS }, async (req, { user }) =>
  json(await createPauseReason(user, await validateBody<PauseReasonInput>(req, 'PauseReasonInput')), 201),
);
