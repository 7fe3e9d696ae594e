import { json, withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { RESOURCE_ADMINS } from '@/app/lib/auth/roles';
import { createWebhook, type WebhookInput } from '@/app/lib/webhooks/create-webhook';
import { listWebhooks } from '@/app/lib/webhooks/list-webhooks';

export const dynamic = 'force-dynamic';

export const GET = withApi({ roles: RESOURCE_ADMINS }, async (_req, { user }) => ({ webhooks: await listWebhooks(user) }));

/** 201 with `secret`: the signing secret, in this answer only. */
export const POST = withApi({ roles: RESOURCE_ADMINS }, async (req, { user }) =>
  json(await createWebhook(user, await validateBody<WebhookInput>(req, 'WebhookInput')), 201),
);
