import type { CurrentUser } from '@/app/lib/auth/current-user';
import { getPrisma } from '@/prisma/client';
import { toWebhookView, type WebhookView } from './webhook-view';

/** The organisation's webhooks, oldest first, each with how many deliveries failed or wait. */
export async function listWebhooks(user: Pick<CurrentUser, 'organizationId'>): Promise<(WebhookView & { failedCount: number; pendingCount: number })[]> {
  const prisma = getPrisma();
  const rows = await prisma.webhookSubscription.findMany({ where: { organizationId: user.organizationId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  const counts = await prisma.webhookDelivery.groupBy({
    by: ['subscriptionId', 'status'],
    where: { organizationId: user.organizationId, status: { in: ['failed', 'pending'] } },
    _count: { _all: true },
  });
  const count = (id: string, status: string) => counts.find((c) => c.subscriptionId === id && c.status === status)?._count._all ?? 0;
  return rows.map((r) => ({ ...toWebhookView(r), failedCount: count(r.id, 'failed'), pendingCount: count(r.id, 'pending') }));
}
