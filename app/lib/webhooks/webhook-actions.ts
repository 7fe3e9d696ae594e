// "Send test event" and "retry now": rows for the runtime's dispatcher, woken by NOTIFY
// relais_webhooks (sent inside the transaction, so delivered once committed). Nothing is sent
// from the admin process: every delivery goes out of the runtime, through the outbound policy.
import { randomUUID } from 'node:crypto';
import { notFound } from '@/app/lib/api/errors';
import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction, type Tx } from '@/app/lib/db/transaction';
import { WEBHOOK_CHANNEL, WEBHOOK_TEST_EVENT, type WebhookEnvelope } from '@/flow-runtime/webhooks/webhook-events';
import { findWebhook } from './webhook-access';
import { toDeliveryView, type WebhookDeliveryView } from './webhook-view';

const wakeDispatchers = (tx: Tx) => tx.$executeRawUnsafe(`NOTIFY ${WEBHOOK_CHANNEL}`);

/** Queues a `webhook.test` event to this webhook (even an inactive one). */
export async function sendTestEvent(user: Pick<CurrentUser, 'id' | 'organizationId'>, webhookId: string): Promise<WebhookDeliveryView> {
  return inTransaction(async (tx) => {
    const hook = await findWebhook(tx, user, webhookId);
    const eventId = `evt_${randomUUID().replace(/-/g, '')}`;
    const payload: WebhookEnvelope = {
      id: eventId, type: WEBHOOK_TEST_EVENT, createdAt: new Date().toISOString(), organizationId: user.organizationId,
      data: { webhookId: hook.id, message: 'A test event sent from the Relais admin.' },
    };
    const row = await tx.webhookDelivery.create({
      data: { organizationId: user.organizationId, subscriptionId: hook.id, eventId, event: WEBHOOK_TEST_EVENT, payload: payload as object, nextAttemptAt: new Date() },
    });
    await recordAudit(tx, user, { action: 'command', entityType: 'webhook', entityId: hook.id, details: { command: 'test', deliveryId: row.id } });
    await wakeDispatchers(tx);
    return toDeliveryView(row);
  });
}

/** Sends a delivery again now, whatever its status (one more attempt past the last one). */
export async function retryDelivery(user: Pick<CurrentUser, 'id' | 'organizationId'>, deliveryId: string): Promise<WebhookDeliveryView> {
  return inTransaction(async (tx) => {
    const found = await tx.webhookDelivery.findFirst({ where: { id: deliveryId, organizationId: user.organizationId } });
    if (!found) throw notFound('Delivery', deliveryId);
    const row = await tx.webhookDelivery.update({ where: { id: found.id }, data: { status: 'pending', nextAttemptAt: new Date(), lockedUntil: null } });
    await recordAudit(tx, user, { action: 'command', entityType: 'webhook', entityId: found.subscriptionId, details: { command: 'retry', deliveryId: found.id, event: found.event } });
    await wakeDispatchers(tx);
    return toDeliveryView(row);
  });
}
