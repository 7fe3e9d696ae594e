// The availability the directory shows for agents (C3), from what the database knows: the agent's
// chosen status (Agent.status), a live registration of their phone, and a call they are on (a
// CallLeg of theirs not ended, on a call not ended) → 'busy'. C1's effective status (ringing,
// in_call, wrap_up) maps onto the same four values.
import type { Db } from '@/app/lib/db/transaction';

export type Availability = 'available' | 'busy' | 'paused' | 'offline';

export async function agentAvailability(db: Db, organizationId: string, agentIds: readonly string[]): Promise<Map<string, Availability>> {
  const out = new Map<string, Availability>();
  if (agentIds.length === 0) return out;
  const now = new Date();
  const [agents, registered, onCall] = await Promise.all([
    db.agent.findMany({ where: { organizationId, id: { in: [...agentIds] } }, select: { id: true, status: true } }),
    db.sipRegistration.findMany({ where: { agentId: { in: [...agentIds] }, expiresAt: { gt: now } }, select: { agentId: true }, distinct: ['agentId'] }),
    db.callLeg.findMany({ where: { agentId: { in: [...agentIds] }, endedAt: null, call: { organizationId, endedAt: null } }, select: { agentId: true }, distinct: ['agentId'] }),
  ]);
  const reg = new Set(registered.map((r) => r.agentId));
  const busy = new Set(onCall.map((l) => l.agentId));
  for (const a of agents) {
    out.set(a.id, a.status === 'offline' || !reg.has(a.id) ? 'offline' : a.status === 'paused' ? 'paused' : busy.has(a.id) ? 'busy' : 'available');
  }
  return out;
}
