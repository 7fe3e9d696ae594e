import { ApiError } from '@/app/lib/api/errors';
import { withApi } from '@/app/lib/api/handler';
import { listAudit } from '@/app/lib/audit/list-audit';
import { FLOW_EDITORS } from '@/app/lib/auth/roles';

export const dynamic = 'force-dynamic';

/** GET /api/audit?entityType=flow&entityId=…&cursor=…&limit=50 */
export const GET = withApi({ roles: FLOW_EDITORS }, async (req, { user }) => {
  const query = new URL(req.url).searchParams;
  const limit = query.get('limit');
  if (limit !== null && !/^[0-9]{1,3}$/.test(limit)) throw new ApiError('VALIDATION_FAILED', 'limit must be an integer from 1 to 200', { path: '/limit' });
  return listAudit(user, {
    entityType: query.get('entityType') || undefined,
    entityId: query.get('entityId') || undefined,
    cursor: query.get('cursor') || undefined,
    limit: limit === null ? undefined : Number(limit),
  });
});
