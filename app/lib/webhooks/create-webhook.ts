import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { generateWebhookSecret } from '@/flow-runtime/webhooks/webhook-signature';
import { checkWebhookUrl } from './webhook-url';
import { toWebhookView, type WebhookView } from './webhook-view';

export interface WebhookInput {
  url: string;
  events: string[];
  active?: boolean;
  description?: string | null;
}

/** Creates a webhook with a new signing secret, returned this once only. */
export async function createWebhook(user: Pick<CurrentUser, 'id' | 'organizationId'>, input: WebhookInput): Promise<WebhookView & { secret: string }> {
  return inTransaction(async (tx) => {
    const org = await tx.organization.findUniqueOrThrow({ where: { id: user.organizationId }, select: { outboundHttpAllow: true } });
    const url = checkWebhookUrl(input.url, org.outboundHttpAllow);
    const secret = generateWebhookSecret();
    const row = await tx.webhookSubscription.create({
      data: { organizationId: user.organizationId, url, secret, events: input.events, active: input.active ?? true, description: input.description?.trim() || null },
    });
    await recordAudit(tx, user, { action: 'create', entityType: 'webhook', entityId: row.id, details: { url, events: row.events, active: row.active } });
    return { ...toWebhookView(row), secret };
  });
}
