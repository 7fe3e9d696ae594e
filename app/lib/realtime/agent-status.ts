// The C1 status object of an agent, for `sync` (issue 14). Read defensively from the Agent row as
// JSON (`to_jsonb`): the status fields (pause reason, since, lock, runtime activity, wrap-up) come
// with the statuses slice; without them the answer is the chosen status since the row's update.
// Effective status: the runtime's activity (ringing / in_call / wrap_up) when there is one, else a
// supervisor's lock, else the agent's choice.
import type { PrismaClient } from '@/prisma/client';

export type EffectiveStatus = 'available' | 'ringing' | 'in_call' | 'wrap_up' | 'paused' | 'offline';

export interface AgentStatusView {
  status: EffectiveStatus;
  pauseReason: { id: string; label: string } | null;
  since: string;
  wrapUpEndsAt: string | null;
  lock: { status: string; pauseReason: { id: string; label: string } | null; byUserName: string | null; at: string } | null;
}

type Row = Record<string, unknown>;

const iso = (v: unknown): string | null => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

export async function agentStatusView(db: Pick<PrismaClient, '$queryRawUnsafe'>, agentId: string): Promise<AgentStatusView | null> {
  const rows = await db.$queryRawUnsafe<{ row: Row }[]>(`SELECT to_jsonb(a) AS row FROM "Agent" a WHERE a."id" = $1`, agentId);
  const row = rows[0]?.row;
  if (!row) return null;
  const reasonIds = [str(row.pauseReasonId), str(row.lockPauseReasonId)].filter((x): x is string => x !== null);
  const labels = new Map<string, string>();
  if (reasonIds.length > 0) {
    try {
      const reasons = await db.$queryRawUnsafe<{ id: string; label: string }[]>(`SELECT "id", "label" FROM "PauseReason" WHERE "id" = ANY($1::text[])`, reasonIds);
      for (const r of reasons) labels.set(r.id, r.label);
    } catch {
      // No PauseReason table yet.
    }
  }
  const reason = (id: string | null) => (id && labels.has(id) ? { id, label: labels.get(id)! } : null);
  const chosen = (str(row.status) ?? 'offline') as EffectiveStatus;
  const lockStatus = str(row.lockStatus);
  const activity = str(row.activity);
  const lock = lockStatus
    ? { status: lockStatus, pauseReason: reason(str(row.lockPauseReasonId)), byUserName: str(row.lockedByName), at: iso(row.lockedAt) ?? new Date().toISOString() }
    : null;
  const since = iso(row.statusSince) ?? iso(row.updatedAt) ?? new Date().toISOString();
  if (activity === 'ringing' || activity === 'in_call' || activity === 'wrap_up') {
    return { status: activity, pauseReason: null, since: iso(row.activitySince) ?? since, wrapUpEndsAt: activity === 'wrap_up' ? iso(row.wrapUpEndsAt) : null, lock };
  }
  if (lock) return { status: lock.status as EffectiveStatus, pauseReason: lock.pauseReason, since: lock.at, wrapUpEndsAt: null, lock };
  return { status: chosen, pauseReason: chosen === 'paused' ? reason(str(row.pauseReasonId)) : null, since, wrapUpEndsAt: null, lock: null };
}
