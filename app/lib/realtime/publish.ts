// The admin's end of the live channel (issue 14, C2): `SELECT pg_notify('relais_live', json)` with
// { o: organizationId, a: agentIds allowed to see it ([] = supervisors/admins only), t: type, d, at }.
// Works inside a Prisma transaction (pass `tx`): the event then goes out only if it commits.
// Unlike the runtime's (flow-runtime/live/publish.ts) it throws: a route publishing in its
// transaction wants the failure. A payload over 7 KB is refused (NOTIFY's limit is 8000 bytes).
// The payload, its limit and the NOTIFY are the runtime's (one definition for both ends).

import { encodeLive, LIVE_PAYLOAD_MAX, notifyLive, type LiveEvent, type RawQuery } from '@/flow-runtime/live/publish';

export { LIVE_CHANNEL, LIVE_PAYLOAD_MAX, type LiveEvent, type LiveEventType, type RawQuery } from '@/flow-runtime/live/publish';

export async function publishLive(db: RawQuery, event: LiveEvent): Promise<void> {
  const payload = encodeLive(event);
  if (Buffer.byteLength(payload) > LIVE_PAYLOAD_MAX) throw new Error(`live event ${event.t} too large (${Buffer.byteLength(payload)} bytes)`);
  await notifyLive(db, payload);
}

/** The parsed payload of a relais_live notification, or null when it is not one. */
export function parseLiveEvent(payload: string | undefined): Required<LiveEvent> | null {
  if (!payload) return null;
  try {
    const e = JSON.parse(payload) as Partial<LiveEvent>;
    if (typeof e.o !== 'string' || typeof e.t !== 'string' || !Array.isArray(e.a) || !e.a.every((x) => typeof x === 'string')) return null;
    return { o: e.o, a: e.a, t: e.t, d: e.d ?? null, at: typeof e.at === 'string' ? e.at : new Date().toISOString() };
  } catch {
    return null;
  }
}
