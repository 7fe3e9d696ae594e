import { withApi } from '@/app/lib/api/handler';
import { FLOW_EDITORS } from '@/app/lib/auth/roles';
import { readFlowBody } from '@/app/lib/flows/validate-flow-body';
import { simulateFlow, type SimulateFlowInput } from '@/app/lib/simulator/simulate-flow';

export const dynamic = 'force-dynamic';
type P = { id: string };

/** POST /api/flows/:id/simulate {source?, document?, cases? | caseIds?} → {runs, coverage} */
export const POST = withApi<P>({ roles: FLOW_EDITORS }, async (req, { user, params }) =>
  simulateFlow(user, params.id, await readFlowBody<SimulateFlowInput>(req, 'FlowSimulate', 'document', { allowEmpty: true })),
);
