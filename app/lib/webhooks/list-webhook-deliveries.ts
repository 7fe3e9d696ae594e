import { ApiError } from '@/app/lib/api/errors';
import type { CurrentUser } from '@/app/lib/auth/current-user';
import { getPrisma } from '@/prisma/client';
import { findWebhook } from './webhook-access';
import { toDeliveryView, type WebhookDeliveryView } from './webhook-view';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryQuery {
  status?: DeliveryStatus;
  cursor?: string;
  limit?: number;
}

export interface DeliveryPage {
  deliveries: WebhookDeliveryView[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** A webhook's deliveries, newest first. */
export async function listWebhookDeliveries(user: Pick<CurrentUser, 'organizationId'>, webhookId: string, query: DeliveryQuery = {}): Promise<DeliveryPage> {
  const prisma = getPrisma();
  const hook = await findWebhook(prisma, user, webhookId);
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
  const where = { subscriptionId: hook.id, ...(query.status ? { status: query.status } : {}) };
  const filters: object[] = [where];
  if (query.cursor) {
    const cursor = await prisma.webhookDelivery.findFirst({ where: { subscriptionId: hook.id, id: query.cursor }, select: { id: true, createdAt: true } });
    if (!cursor) throw new ApiError('VALIDATION_FAILED', 'cursor is unknown; use the nextCursor of the previous page', { path: '/cursor' });
    filters.push({ OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] });
  }
  const rows = await prisma.webhookDelivery.findMany({ where: { AND: filters }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit + 1 });
  const page = rows.slice(0, limit);
  return { deliveries: page.map(toDeliveryView), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
}
