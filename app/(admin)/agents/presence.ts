// An agent's presence on the agents page: the effective status (the runtime's activity —
// ringing, in call, post-call pause — else a supervisor's lock, else the agent's choice, as
// app/lib/realtime/agent-status.ts) and the phones registered. Pure: the page computes the first
// view on the server, the live events (`agent.status`, `agent.registrations`) replace it.

export type EffectiveStatus = 'available' | 'ringing' | 'in_call' | 'wrap_up' | 'paused' | 'offline';

export interface Presence {
  status: EffectiveStatus;
  pauseReason: string | null;
  lock: { status: string; byUserName: string | null; pauseReason: string | null } | null;
}

export interface PhoneRegistration {
  contact: string;
  userAgent: string | null;
  /** Where the REGISTER came from (`udp:203.0.113.7:5062`), null for bindings older than that column. */
  source: string | null;
  /** ISO date; past it the phone is no longer reachable (it shows as expired without a new event, until the purge removes it). */
  expiresAt: string;
}

const ACTIVITIES = ['ringing', 'in_call', 'wrap_up'] as const;

export function presenceOf(row: {
  status: string;
  activity: string | null;
  pauseReason: string | null;
  lock: Presence['lock'];
}): Presence {
  if ((ACTIVITIES as readonly string[]).includes(row.activity ?? '')) return { status: row.activity as EffectiveStatus, pauseReason: null, lock: row.lock };
  if (row.lock) return { status: row.lock.status as EffectiveStatus, pauseReason: row.lock.pauseReason, lock: row.lock };
  return { status: row.status as EffectiveStatus, pauseReason: row.status === 'paused' ? row.pauseReason : null, lock: null };
}

/** The `d.status` of an `agent.status` event (AgentStatusView) as a Presence; null when unreadable. */
export function presenceFromEvent(status: unknown): Presence | null {
  if (!status || typeof status !== 'object') return null;
  const s = status as { status?: unknown; pauseReason?: { label?: unknown } | null; lock?: { status?: unknown; byUserName?: unknown; pauseReason?: { label?: unknown } | null } | null };
  if (typeof s.status !== 'string') return null;
  const label = (r: { label?: unknown } | null | undefined) => (typeof r?.label === 'string' ? r.label : null);
  const lock = s.lock && typeof s.lock.status === 'string' ? { status: s.lock.status, byUserName: typeof s.lock.byUserName === 'string' ? s.lock.byUserName : null, pauseReason: label(s.lock.pauseReason) } : null;
  return { status: s.status as EffectiveStatus, pauseReason: label(s.pauseReason), lock };
}

/** The registrations of an `agent.registrations` event; null when unreadable. */
export function registrationsFromEvent(d: unknown): { agentId: string; registrations: PhoneRegistration[] } | null {
  const e = d as { agentId?: unknown; registrations?: unknown } | null;
  if (!e || typeof e.agentId !== 'string' || !Array.isArray(e.registrations)) return null;
  const registrations = e.registrations.filter(
    (r): r is PhoneRegistration => !!r && typeof r === 'object' && typeof (r as PhoneRegistration).contact === 'string' && typeof (r as PhoneRegistration).expiresAt === 'string',
  );
  return { agentId: e.agentId, registrations: registrations.map((r) => ({ contact: r.contact, userAgent: r.userAgent ?? null, source: r.source ?? null, expiresAt: r.expiresAt })) };
}

/** The host:port a phone is reached at: the REGISTER's source, else the Contact's host. */
export function phoneAddress(r: PhoneRegistration): string {
  if (r.source) return r.source.replace(/^(udp|tcp|tls|ws|wss):/i, '');
  const at = r.contact.replace(/^sips?:/i, '').split(';')[0];
  return at.includes('@') ? at.slice(at.indexOf('@') + 1) : at;
}
