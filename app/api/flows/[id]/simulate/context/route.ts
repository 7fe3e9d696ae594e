import { ApiError } from '@/app/lib/api/errors';
import { withApi } from '@/app/lib/api/handler';
import { FLOW_EDITORS } from '@/app/lib/auth/roles';
import { getSimulationContext } from '@/app/lib/simulator/simulation-context';
import { parseDocumentRef } from '@/app/lib/versions/load-flow-document';

export const dynamic = 'force-dynamic';
type P = { id: string };

/** GET /api/flows/:id/simulate/context[?source=draft|live|<n>][&flowIds=a,b] */
export const GET = withApi<P>({ roles: FLOW_EDITORS }, async (req, { user, params }) => {
  const query = new URL(req.url).searchParams;
  const source = query.get('source');
  const flowIds = (query.get('flowIds') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (flowIds.length > 50 || flowIds.some((id) => id.length > 64)) {
    throw new ApiError('VALIDATION_FAILED', 'flowIds: at most 50 flow ids, comma-separated', { path: '/flowIds' });
  }
  return getSimulationContext(user, params.id, source === null ? 'draft' : parseDocumentRef('source', source), flowIds);
});
