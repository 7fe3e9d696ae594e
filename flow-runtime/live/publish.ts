// The runtime's end of the live channel (issue 14, C2): one `SELECT pg_notify('relais_live', json)`.
// Payload { o: organizationId, a: agentIds allowed to see it ([] = supervisors/admins only), t: type,
// d: data, at: ISO }, kept under PostgreSQL's 8000-byte NOTIFY limit. Never throws into a call: with
// the database down the event is dropped (logged); consoles catch up with `sync` (the LiveCall table).
import type { Logger } from '../calls/sip-types';

export type LiveEventType = 'agent.status' | 'call.updated' | 'call.ended';

export interface LiveEvent {
  o: string;
  a: string[];
  t: LiveEventType | (string & {});
  d: unknown;
  at?: string;
}

/** What publishLive needs: a Prisma client or transaction. */
export interface RawQuery {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

export const LIVE_CHANNEL = 'relais_live';

/** NOTIFY payloads must stay under 8000 bytes; the contract says < 7 KB. */
export const LIVE_PAYLOAD_MAX = 7000;

/** The event as its NOTIFY payload (`at` now unless given), whatever its size. */
export function encodeLive(event: LiveEvent): string {
  return JSON.stringify({ o: event.o, a: event.a, t: event.t, d: event.d, at: event.at ?? new Date().toISOString() });
}

/** The NOTIFY payload of the event, or null when it is over LIVE_PAYLOAD_MAX. */
export function livePayload(event: LiveEvent): string | null {
  const payload = encodeLive(event);
  return Buffer.byteLength(payload) <= LIVE_PAYLOAD_MAX ? payload : null;
}

/** Sends a payload on the live channel (in `db`'s transaction, if it is one). */
export async function notifyLive(db: RawQuery, payload: string): Promise<void> {
  // pg_notify returns void: a SELECT whose row we ignore.
  await db.$executeRawUnsafe(`SELECT pg_notify('${LIVE_CHANNEL}', $1)`, payload);
}

export async function publishLive(db: RawQuery, event: LiveEvent, log?: Logger): Promise<void> {
  const payload = livePayload(event);
  if (payload === null) {
    log?.warn({ type: event.t }, 'live event too large: dropped');
    return;
  }
  try {
    await notifyLive(db, payload);
  } catch (err) {
    log?.warn({ err, type: event.t }, 'live event not published (database unreachable?): dropped');
  }
}
