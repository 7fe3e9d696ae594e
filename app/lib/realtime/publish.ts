// The admin's end of the live channel (issue 14, C2): `SELECT pg_notify('relais_live', json)` with
// { o: organizationId, a: agentIds allowed to see it ([] = supervisors/admins only), t: type, d, at }.
// Works inside a Prisma transaction (pass `tx`): the event then goes out only if it commits.
// Unlike the runtime's (flow-runtime/live/publish.ts) it throws: a route publishing in its
// transaction wants the failure. A payload over 7 KB is refused (NOTIFY's limit is 8000 bytes).

export type LiveEventType = 'agent.status' | 'call.updated' | 'call.ended';

export interface LiveEvent {
  o: string;
  a: string[];
  t: LiveEventType | (string & {});
  d: unknown;
  at?: string;
}

export interface RawQuery {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

export const LIVE_CHANNEL = 'relais_live';
export const LIVE_PAYLOAD_MAX = 7000;

export async function publishLive(db: RawQuery, event: LiveEvent): Promise<void> {
  const payload = JSON.stringify({ o: event.o, a: event.a, t: event.t, d: event.d, at: event.at ?? new Date().toISOString() });
  if (Buffer.byteLength(payload) > LIVE_PAYLOAD_MAX) throw new Error(`live event ${event.t} too large (${Buffer.byteLength(payload)} bytes)`);
  await db.$executeRawUnsafe(`SELECT pg_notify('relais_live', $1)`, payload);
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
