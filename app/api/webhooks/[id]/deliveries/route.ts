import { ApiError } from '@/app/lib/api/errors';
import { withApi } from '@/app/lib/api/handler';
import { RESOURCE_ADMINS } from '@/app/lib/auth/roles';
import { DELIVERY_STATUSES, listWebhookDeliveries, type DeliveryStatus } from '@/app/lib/webhooks/list-webhook-deliveries';

export const dynamic = 'force-dynamic';

/** GET /api/webhooks/:id/deliveries?status=failed&cursor=…&limit=50 — newest first. */
export const GET = withApi<{ id: string }>({ roles: RESOURCE_ADMINS }, async (req, { user, params }) => {
  const query = new URL(req.url).searchParams;
  const limit = query.get('limit');
  if (limit !== null && (!/^[0-9]{1,3}$/.test(limit) || Number(limit) < 1 || Number(limit) > 200)) {
    throw new ApiError('VALIDATION_FAILED', 'limit must be an integer from 1 to 200', { path: '/limit' });
  }
  const status = query.get('status');
  if (status !== null && !(DELIVERY_STATUSES as readonly string[]).includes(status)) {
    throw new ApiError('VALIDATION_FAILED', `status must be one of ${DELIVERY_STATUSES.join(', ')}`, { path: '/status' });
  }
  return listWebhookDeliveries(user, params.id, {
    status: (status as DeliveryStatus | null) ?? undefined,
    cursor: query.get('cursor') || undefined,
    limit: limit === null ? undefined : Number(limit),
  });
});
