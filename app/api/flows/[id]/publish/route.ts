import { json, withApi } from '@/app/lib/api/handler';
import { FLOW_EDITORS } from '@/app/lib/auth/roles';
import { publishFlow, type PublishFlowInput } from '@/app/lib/versions/publish-flow';
import { readOptionalBody } from '@/app/lib/versions/read-optional-body';

export const dynamic = 'force-dynamic';
type P = { id: string };

export const POST = withApi<P>({ roles: FLOW_EDITORS }, async (req, { user, params }) =>
  json(await publishFlow(user, params.id, await readOptionalBody<PublishFlowInput>(req, 'FlowPublish')), 201),
);
