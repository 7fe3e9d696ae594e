import { validateBody } from '@/app/lib/api/validate-body';
import { withApi } from '@/app/lib/api/handler';
import { FLOW_EDITORS } from '@/app/lib/auth/roles';
import { simulateHttp, type SimulatedHttpRequest } from '@/app/lib/simulator/simulate-http';

export const dynamic = 'force-dynamic';
type P = { id: string };

/** POST /api/flows/:id/simulate/http {method, url, headers, body, timeoutMs} → {status, body} | {error, detail} */
export const POST = withApi<P>({ roles: FLOW_EDITORS }, async (req, { user, params }) => {
  const body = await validateBody<SimulatedHttpRequest>(req, 'FlowSimulateHttp');
  return simulateHttp(user, params.id, { method: body.method, url: body.url, headers: body.headers ?? [], body: body.body ?? null, timeoutMs: body.timeoutMs });
});
