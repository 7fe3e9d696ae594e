import { json, withApi } from '@/app/lib/api/handler';
import { RESOURCE_ADMINS } from '@/app/lib/auth/roles';
import { retryDelivery } from '@/app/lib/webhooks/webhook-actions';

export const dynamic = 'force-dynamic';

/** 202: the delivery is pending again, due now; the runtime sends it. */
export const POST = withApi<{ id: string }>({ roles: RESOURCE_ADMINS }, async (_req, { user, params }) => json(await retryDelivery(user, params.id), 202));
