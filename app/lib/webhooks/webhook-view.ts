// What the API shows of a webhook and of its deliveries. The secret never appears here: it is
// returned once by createWebhook, then only its first characters (to recognise it).
import type { WebhookDelivery, WebhookSubscription } from '@/prisma/generated/client';

export interface WebhookView {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  description: string | null;
  /** The secret's first characters ("whsec_AbCd"), to tell secrets apart. */
  secretPrefix: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface WebhookDeliveryView {
  id: string;
  webhookId: string;
  eventId: string;
  event: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
  payload: unknown;
}

export function toWebhookView(row: WebhookSubscription): WebhookView {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    active: row.active,
    description: row.description,
    secretPrefix: row.secret.slice(0, 10),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toDeliveryView(row: WebhookDelivery): WebhookDeliveryView {
  return {
    id: row.id,
    webhookId: row.subscriptionId,
    eventId: row.eventId,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt : null,
    lastAttemptAt: row.lastAttemptAt,
    lastStatus: row.lastStatus,
    lastError: row.lastError,
    deliveredAt: row.deliveredAt,
    createdAt: row.createdAt,
    payload: row.payload,
  };
}
