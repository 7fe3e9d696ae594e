// Turning a call event into deliveries. The call recorder (records/call-recorder.ts) enqueues a
// `webhook.emit` op after the write it follows, on the same outbox key (the call id), so:
//   1. the rows it reads (the Call with its summary columns, the leg, the path) are written;
//   2. the subscriptions of the organisation that want this event are looked up (one query,
//      joined through the call when only the call id is known); none → nothing more;
//   3. the payload is built once (the same body for every subscription and every retry);
//   4. one WebhookDelivery row per subscription, unique on (subscription, event id), so an op
//      replayed after a crash adds nothing; then NOTIFY relais_webhooks wakes the dispatchers.
// No HTTP here: a slow receiver can never hold a call's writes.
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../prisma/client';
import { WEBHOOK_CHANNEL, type WebhookEnvelope, type WebhookEventType } from './webhook-events';

export interface WebhookEmitOp {
  eventId: string;
  type: WebhookEventType;
  /** When it happened (ISO). */
  at: string;
  /** Known for events not tied to a call; for call events it is read through the call. */
  organizationId?: string | null;
  callId?: string | null;
  /** call.answered: the CallLeg that was answered (only an agent's leg makes an event). */
  legId?: string;
  /** Facts known in memory (voicemail, callback request), put in the payload as they are. */
  data?: Record<string, unknown>;
}

export function webhookEmitOp(type: WebhookEventType, fields: Omit<WebhookEmitOp, 'eventId' | 'type' | 'at'>, at: Date): WebhookEmitOp {
  return { eventId: `evt_${randomUUID().replace(/-/g, '')}`, type, at: at.toISOString(), ...fields };
}

const CALL_FIELDS = {
  id: true, organizationId: true, entryNumber: true, caller: true, callee: true, flowId: true, flowVersionId: true, language: true,
  startedAt: true, answeredAt: true, endedAt: true, outcome: true, groupId: true, agentId: true, agentIds: true, queuedAt: true,
  agentAnsweredAt: true, waitMs: true, talkMs: true, transferCount: true, voicemail: true, callbackRequested: true, endNodeId: true,
} as const;

/** Writes the deliveries of one event; returns how many subscriptions it went to. */
export async function emitWebhookEvent(prisma: PrismaClient, op: WebhookEmitOp): Promise<number> {
  const subscriptions = await prisma.webhookSubscription.findMany({
    where: {
      active: true,
      events: { has: op.type },
      ...(op.organizationId ? { organizationId: op.organizationId } : { organization: { calls: { some: { id: op.callId ?? '' } } } }),
    },
    select: { id: true, organizationId: true },
  });
  if (subscriptions.length === 0) return 0;
  const organizationId = subscriptions[0].organizationId;
  const data = await eventData(prisma, op);
  if (!data) return 0;
  const envelope: WebhookEnvelope = { id: op.eventId, type: op.type, createdAt: op.at, organizationId, data };
  await prisma.webhookDelivery.createMany({
    data: subscriptions.map((s) => ({ organizationId, subscriptionId: s.id, eventId: op.eventId, event: op.type, payload: envelope as object, nextAttemptAt: new Date() })),
    skipDuplicates: true,
  });
  await prisma.$executeRawUnsafe(`NOTIFY ${WEBHOOK_CHANNEL}`);
  return subscriptions.length;
}

/** The event's `data`; null when there is nothing to tell (a leg answered by an outside number, not an agent). */
async function eventData(prisma: PrismaClient, op: WebhookEmitOp): Promise<Record<string, unknown> | null> {
  const data: Record<string, unknown> = { ...op.data };
  if (!op.callId) return data;
  const call = await prisma.call.findUnique({ where: { id: op.callId }, select: CALL_FIELDS });
  if (call) data.call = callView(call);
  if (op.type === 'call.answered' && op.legId) {
    const leg = await prisma.callLeg.findUnique({ where: { id: op.legId }, select: { id: true, agentId: true, destination: true, answeredAt: true, agent: { select: { name: true } } } });
    if (!leg?.agentId) return null;
    data.agent = { id: leg.agentId, name: leg.agent?.name ?? null };
    data.leg = { id: leg.id, answeredAt: leg.answeredAt?.toISOString() ?? null };
  }
  if (op.type === 'call.ended') data.path = await pathSummary(prisma, op.callId);
  return data;
}

type CallRow = { [K in keyof typeof CALL_FIELDS]: unknown } & { outcome: string | null; endedAt: Date | null };

/** The call as receivers see it: the C0 summary columns; outcome "flow_end" when the flow ended it. */
export function callView(c: CallRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) out[k] = v instanceof Date ? v.toISOString() : v;
  out.outcome = c.outcome ?? (c.endedAt ? 'flow_end' : null);
  return out;
}

const MAX_PATH_STEPS = 200;

/** The nodes the call went through, in order, with the output it left each by. */
export async function pathSummary(prisma: PrismaClient, callId: string): Promise<Array<{ nodeId: string; nodeType: string | null; at: string; output: string | null }>> {
  const events = await prisma.callEvent.findMany({
    where: { callId, kind: { in: ['node-entered', 'output-taken'] } },
    orderBy: { seq: 'asc' },
    select: { kind: true, nodeId: true, nodeType: true, output: true, at: true },
  });
  const steps: Array<{ nodeId: string; nodeType: string | null; at: string; output: string | null }> = [];
  for (const e of events) {
    if (!e.nodeId) continue;
    if (e.kind === 'node-entered') steps.push({ nodeId: e.nodeId, nodeType: e.nodeType, at: e.at.toISOString(), output: null });
    else {
      const step = steps.findLast((s) => s.nodeId === e.nodeId && s.output === null);
      if (step) step.output = e.output;
    }
  }
  return steps.slice(0, MAX_PATH_STEPS);
}
