import { withApi } from '@/app/lib/api/handler';
import { FLOW_EDITORS } from '@/app/lib/auth/roles';
import { getDraft } from '@/app/lib/flows/get-draft';
import { saveDraft, type SaveDraftInput } from '@/app/lib/flows/save-draft';
import { readFlowBody } from '@/app/lib/flows/validate-flow-body';

export const dynamic = 'force-dynamic';
type P = { id: string };

export const GET = withApi<P>({}, async (_req, { user, params }) => getDraft(user, params.id));

export const PUT = withApi<P>({ roles: FLOW_EDITORS }, async (req, { user, params }) =>
  saveDraft(user, params.id, await readFlowBody<SaveDraftInput>(req, 'DraftSave')),
);
