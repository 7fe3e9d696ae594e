import { json, withApi } from '@/app/lib/api/handler';
import { RESOURCE_ADMINS } from '@/app/lib/auth/roles';
import { sendTestEvent } from '@/app/lib/webhooks/webhook-actions';

export const dynamic = 'force-dynamic';

/** 202: a `webhook.test` delivery is queued; the runtime sends it (see its status in the deliveries). */
export const POST = withApi<{ id: string }>({ roles: RESOURCE_ADMINS }, async (_req, { user, params }) => json(await sendTestEvent(user, params.id), 202));
