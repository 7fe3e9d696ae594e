import { json, withApi } from '@/app/lib/api/handler';
import { FLOW_EDITORS } from '@/app/lib/auth/roles';
import { promoteCanary } from '@/app/lib/canary/promote-canary';
import { readOptionalBody } from '@/app/lib/versions/read-optional-body';

export const dynamic = 'force-dynamic';
type P = { id: string };

export const POST = withApi<P>({ roles: FLOW_EDITORS }, async (req, { user, params }) =>
  json(await promoteCanary(user, params.id, await readOptionalBody<{ note?: string | null }>(req, 'FlowCanaryPromote')), 201),
);
