import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { findWebhook } from './webhook-access';

/** Deletes the webhook and its deliveries (those not sent yet are dropped). */
export async function deleteWebhook(user: Pick<CurrentUser, 'id' | 'organizationId'>, id: string): Promise<void> {
  await inTransaction(async (tx) => {
    const row = await findWebhook(tx, user, id);
    await tx.webhookSubscription.delete({ where: { id: row.id } });
    await recordAudit(tx, user, { action: 'delete', entityType: 'webhook', entityId: row.id, details: { url: row.url, events: row.events } });
  });
}
