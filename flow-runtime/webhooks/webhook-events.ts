// The events an organisation can subscribe a URL to (issue 15, contract C4), shared by the
// runtime (which emits them) and the admin (which validates subscriptions and lists them).

export const WEBHOOK_EVENTS = ['call.started', 'call.answered', 'call.ended', 'voicemail.created', 'callback.requested'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** Sent by "send test event" only; never subscribed to. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

/** NOTIFY channel: a delivery is due now (new event, retry now, test event). */
export const WEBHOOK_CHANNEL = 'relais_webhooks';

/** What every delivery's body looks like. */
export interface WebhookEnvelope<D = Record<string, unknown>> {
  /** The event id (also in X-Relais-Event-Id): receivers drop an id they already handled. */
  id: string;
  type: WebhookEventType | typeof WEBHOOK_TEST_EVENT;
  /** When it happened (ISO 8601). */
  createdAt: string;
  organizationId: string;
  data: D;
}

export function isWebhookEvent(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENTS as readonly string[]).includes(value);
}
