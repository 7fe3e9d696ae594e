import { noContent, withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { RESOURCE_ADMINS } from '@/app/lib/auth/roles';
import { getPrisma } from '@/prisma/client';
import type { WebhookInput } from '@/app/lib/webhooks/create-webhook';
import { deleteWebhook } from '@/app/lib/webhooks/delete-webhook';
import { updateWebhook } from '@/app/lib/webhooks/update-webhook';
import { findWebhook } from '@/app/lib/webhooks/webhook-access';
import { toWebhookView } from '@/app/lib/webhooks/webhook-view';

export const dynamic = 'force-dynamic';
type P = { id: string };

export const GET = withApi<P>({ roles: RESOURCE_ADMINS }, async (_req, { user, params }) => toWebhookView(await findWebhook(getPrisma(), user, params.id)));

export const PATCH = withApi<P>({ roles: RESOURCE_ADMINS }, async (req, { user, params }) =>
  updateWebhook(user, params.id, await validateBody<Partial<WebhookInput>>(req, 'WebhookPatch')),
);

export const DELETE = withApi<P>({ roles: RESOURCE_ADMINS }, async (_req, { user, params }) => {
  await deleteWebhook(user, params.id);
  return noContent();
});
