import { withApi } from '@/app/lib/api/handler';
import { FLOW_ANALYTICS_READERS } from '@/app/lib/auth/roles';
import { getFlowAnalytics } from '@/app/lib/flow-analytics/get-flow-analytics';

export const dynamic = 'force-dynamic';
type P = { id: string };

/** GET /api/flows/:id/analytics?from=2026-12-01&to=2026-12-08&versionId=… → calls per node and per output. */
export const GET = withApi<P>({ roles: FLOW_ANALYTICS_READERS }, async (req, { user, params }) => getFlowAnalytics(user, params.id, new URL(req.url).searchParams));
