import { json, noContent, withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { FLOW_EDITORS } from '@/app/lib/auth/roles';
import { getCanary } from '@/app/lib/canary/get-canary';
import { startCanary, type CanaryInput } from '@/app/lib/canary/start-canary';
import { stopCanary } from '@/app/lib/canary/stop-canary';

export const dynamic = 'force-dynamic';
type P = { id: string };

export const GET = withApi<P>({ roles: FLOW_EDITORS }, async (_req, { user, params }) => getCanary(user, params.id));

export const PUT = withApi<P>({ roles: FLOW_EDITORS }, async (req, { user, params }) => {
  const { canary, created } = await startCanary(user, params.id, await validateBody<CanaryInput>(req, 'FlowCanaryInput'));
  return json({ canary }, created ? 201 : 200);
});

export const DELETE = withApi<P>({ roles: FLOW_EDITORS }, async (_req, { user, params }) => {
  await stopCanary(user, params.id);
  return noContent();
});
