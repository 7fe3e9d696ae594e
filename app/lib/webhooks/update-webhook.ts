import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import type { WebhookInput } from './create-webhook';
import { findWebhook } from './webhook-access';
import { checkWebhookUrl } from './webhook-url';
import { toWebhookView, type WebhookView } from './webhook-view';

/** Changes the fields sent; audited with what changed (before → after). The secret stays. */
export async function updateWebhook(user: Pick<CurrentUser, 'id' | 'organizationId'>, id: string, input: Partial<WebhookInput>): Promise<WebhookView> {
  return inTransaction(async (tx) => {
    const before = await findWebhook(tx, user, id);
    const data: { url?: string; events?: string[]; active?: boolean; description?: string | null } = {};
    if (input.url !== undefined) {
      const org = await tx.organization.findUniqueOrThrow({ where: { id: user.organizationId }, select: { outboundHttpAllow: true } });
      data.url = checkWebhookUrl(input.url, org.outboundHttpAllow);
    }
    if (input.events !== undefined) data.events = input.events;
    if (input.active !== undefined) data.active = input.active;
    if (input.description !== undefined) data.description = input.description?.trim() || null;
    const row = await tx.webhookSubscription.update({ where: { id: before.id }, data });
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    for (const key of Object.keys(data) as (keyof typeof data)[]) {
      if (JSON.stringify(before[key]) !== JSON.stringify(row[key])) changes[key] = { before: before[key], after: row[key] };
    }
    await recordAudit(tx, user, { action: 'update', entityType: 'webhook', entityId: row.id, details: { url: row.url, changes } });
    return toWebhookView(row);
  });
}
