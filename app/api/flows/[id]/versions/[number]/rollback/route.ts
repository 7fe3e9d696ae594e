import { json, withApi } from '@/app/lib/api/handler';
import { FLOW_EDITORS } from '@/app/lib/auth/roles';
import { parseVersionNumber } from '@/app/lib/versions/get-version';
import { readOptionalBody } from '@/app/lib/versions/read-optional-body';
import { rollbackVersion, type RollbackInput } from '@/app/lib/versions/rollback-version';

export const dynamic = 'force-dynamic';
type P = { id: string; number: string };

export const POST = withApi<P>({ roles: FLOW_EDITORS }, async (req, { user, params }) =>
  json(await rollbackVersion(user, params.id, parseVersionNumber(params.id, params.number), await readOptionalBody<RollbackInput>(req, 'VersionRollback')), 201),
);
