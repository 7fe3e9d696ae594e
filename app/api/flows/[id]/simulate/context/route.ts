import { withApi } from '@/app/lib/api/handler';
import { FLOW_EDITORS } from '@/app/lib/auth/roles';
import { getSimulationContext } from '@/app/lib/simulator/simulation-context';
import { parseDocumentRef } from '@/app/lib/versions/load-flow-document';

export const dynamic = 'force-dynamic';
type P = { id: string };

/** GET /api/flows/:id/simulate/context[?source=draft|live|<n>] */
export const GET = withApi<P>({ roles: FLOW_EDITORS }, async (req, { user, params }) => {
  const source = new URL(req.url).searchParams.get('source');
  return getSimulationContext(user, params.id, source === null ? 'draft' : parseDocumentRef('source', source));
});
