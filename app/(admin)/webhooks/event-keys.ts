// Event types ("call.started") as catalogue keys ("callStarted"): next-intl keys cannot hold dots.
import { WEBHOOK_EVENTS } from '@/flow-runtime/webhooks/webhook-events';

export const EVENT_TYPES = WEBHOOK_EVENTS;

export function eventKey(type: string): string {
  return type.replace(/\.(\w)/g, (_m, c: string) => c.toUpperCase());
}

export function knownEvent(type: string): boolean {
  return type === 'webhook.test' || (WEBHOOK_EVENTS as readonly string[]).includes(type);
}
