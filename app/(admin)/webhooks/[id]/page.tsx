// One webhook's deliveries (admins), newest first, with the status filter and the cursor in the
// URL; "send a test event" and "retry now" queue work for the runtime's dispatcher.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { ApiError } from '@/app/lib/api/errors';
import { DELIVERY_STATUSES, listWebhookDeliveries, type DeliveryPage, type DeliveryStatus } from '@/app/lib/webhooks/list-webhook-deliveries';
import { findWebhook } from '@/app/lib/webhooks/webhook-access';
import { getPrisma } from '@/prisma/client';
import { requireSection } from '../../require-section';
import { DeliveriesList } from './deliveries-list';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ status?: string; cursor?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('webhooks'))('deliveries') };
}

export default async function WebhookDeliveriesPage({ params, searchParams }: Props) {
  const { user, editable } = await requireSection('webhooks');
  const { id } = await params;
  const query = await searchParams;
  const hook = await findWebhook(getPrisma(), user, id).catch((err) => {
    if (err instanceof ApiError && err.code === 'NOT_FOUND') notFound();
    throw err;
  });
  const status = (DELIVERY_STATUSES as readonly string[]).includes(query.status ?? '') ? (query.status as DeliveryStatus) : undefined;
  let page: DeliveryPage;
  try {
    page = await listWebhookDeliveries(user, hook.id, { status, cursor: query.cursor || undefined });
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    page = await listWebhookDeliveries(user, hook.id, { status });
  }
  return (
    <DeliveriesList
      webhook={{ id: hook.id, url: hook.url, active: hook.active }}
      editable={editable}
      status={status ?? ''}
      isFirstPage={!query.cursor}
      nextCursor={page.nextCursor}
      deliveries={page.deliveries.map((d) => ({
        id: d.id,
        event: d.event,
        status: d.status,
        attempts: d.attempts,
        lastStatus: d.lastStatus,
        lastError: d.lastError,
        createdAt: d.createdAt.toISOString(),
        lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
        nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
        payload: JSON.stringify(d.payload, null, 2),
      }))}
    />
  );
}
