import { json, withApi } from '@/app/lib/api/handler';
import { FLOW_EDITORS } from '@/app/lib/auth/roles';
import { duplicateFlow, type DuplicateFlowInput } from '@/app/lib/flows/duplicate-flow';
import { readOptionalBody } from '@/app/lib/versions/read-optional-body';

export const dynamic = 'force-dynamic';
type P = { id: string };

export const POST = withApi<P>({ roles: FLOW_EDITORS }, async (req, { user, params }) =>
  json(await duplicateFlow(user, params.id, await readOptionalBody<DuplicateFlowInput>(req, 'FlowDuplicate')), 201),
);
