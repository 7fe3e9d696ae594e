// An agent's effective status (issue 14, contract C1), shared by the admin API (app/lib/agent-status)
// and the runtime (wrap-up.ts): one of available, ringing, in_call, wrap_up, paused, offline.
//   - the chosen status (Agent.status: available / paused / offline, with pauseReason and
//     statusSince) is the agent's; a supervisor's lock (lockStatus, lockPauseReason) overrides it;
//   - ringing / in_call / wrap_up (Agent.activity, activitySince, wrapUpEndsAt) are written by
//     the runtime as it rings, bridges and releases the agent.
// Precedence: ringing / in_call (what is happening) > offline > paused > wrap_up > available.
// Every change is a row of AgentStatusChange and two notifications: `relais_live` (C2, event
// `agent.status`) and `relais_agent_changed` (the runtime's directory re-reads the agent).
import type { PrismaClient } from '../../prisma/client';

export type EffectiveStatus = 'available' | 'ringing' | 'in_call' | 'wrap_up' | 'paused' | 'offline';
export type ChosenStatus = 'available' | 'paused' | 'offline';
export type RuntimeActivity = 'ringing' | 'in_call' | 'wrap_up';

export interface PauseReasonRef {
  id: string;
  label: string;
}

/** The C1 status object (GET /api/agent/me, PUT /api/agent/me/status, event agent.status). */
export interface AgentStatusView {
  status: EffectiveStatus;
  pauseReason: PauseReasonRef | null;
  since: string;
  wrapUpEndsAt: string | null;
  lock: { status: ChosenStatus; pauseReason: PauseReasonRef | null; byUserName: string | null; at: string } | null;
}

export const STATUS_SELECT = {
  id: true, organizationId: true, status: true, statusSince: true,
  pauseReason: { select: { id: true, label: true } },
  lockStatus: true, lockedAt: true, lockedByName: true,
  lockPauseReason: { select: { id: true, label: true } },
  activity: true, activitySince: true, wrapUpEndsAt: true,
} as const;

export interface StatusRow {
  id: string;
  organizationId: string;
  status: ChosenStatus;
  statusSince: Date;
  pauseReason: PauseReasonRef | null;
  lockStatus: ChosenStatus | null;
  lockedAt: Date | null;
  lockedByName: string | null;
  lockPauseReason: PauseReasonRef | null;
  activity: string | null;
  activitySince: Date | null;
  wrapUpEndsAt: Date | null;
}

/** The status an agent has chosen, or the one a supervisor locked them in. */
export function chosenOf(row: Pick<StatusRow, 'status' | 'lockStatus'>): ChosenStatus {
  return row.lockStatus ?? row.status;
}

export function toStatusView(row: StatusRow, now = Date.now()): AgentStatusView {
  const chosen = chosenOf(row);
  const reason = row.lockStatus ? row.lockPauseReason : row.pauseReason;
  const chosenSince = (row.lockStatus ? row.lockedAt : null) ?? row.statusSince;
  const wrapping = row.activity === 'wrap_up' && row.wrapUpEndsAt !== null && row.wrapUpEndsAt.getTime() > now;
  let status: EffectiveStatus;
  let since = chosenSince;
  if (row.activity === 'ringing' || row.activity === 'in_call') {
    status = row.activity;
    since = row.activitySince ?? chosenSince;
  } else if (chosen === 'offline' || chosen === 'paused') {
    status = chosen;
  } else if (wrapping) {
    status = 'wrap_up';
    since = row.activitySince ?? chosenSince;
  } else {
    status = 'available';
    // back from a wrap-up: available since its end
    if (row.activitySince && row.activitySince > since) since = row.activitySince;
  }
  return {
    status,
    pauseReason: status === 'paused' && reason ? { id: reason.id, label: reason.label } : null,
    since: since.toISOString(),
    wrapUpEndsAt: status === 'wrap_up' && row.wrapUpEndsAt ? row.wrapUpEndsAt.toISOString() : null,
    lock: row.lockStatus
      ? {
          status: row.lockStatus,
          pauseReason: row.lockPauseReason ? { id: row.lockPauseReason.id, label: row.lockPauseReason.label } : null,
          byUserName: row.lockedByName,
          at: (row.lockedAt ?? row.statusSince).toISOString(),
        }
      : null,
  };
}

/** A Prisma client or a transaction's client (both have $executeRaw and the models used here). */
type Db = Pick<PrismaClient, '$executeRaw' | 'agentStatusChange' | 'agent'>;

/** `now`: the instant wrap-ups are judged at (the runtime passes 0: a wrap-up it has not ended yet is still on). */
export async function readStatus(db: Db, agentId: string, now = Date.now()): Promise<{ row: StatusRow; view: AgentStatusView } | null> {
  const row = (await db.agent.findUnique({ where: { id: agentId }, select: STATUS_SELECT })) as StatusRow | null;
  return row ? { row, view: toStatusView(row, now) } : null;
}

/**
 * Records the change (when the effective status or its reason changed) and tells everyone:
 * `relais_live` (C2 `agent.status`, payload `{o, a, t, d, at}`) and `relais_agent_changed`.
 * Inside a transaction, PostgreSQL delivers both once committed.
 */
export async function recordAndPublish(
  db: Db,
  before: AgentStatusView | null,
  row: StatusRow,
  change: { source: 'agent' | 'supervisor' | 'admin' | 'runtime'; byUserId?: string | null },
  notifyRuntime = true,
): Promise<AgentStatusView> {
  const view = toStatusView(row);
  const moved = !before || before.status !== view.status || before.pauseReason?.id !== view.pauseReason?.id || (before.lock === null) !== (view.lock === null);
  if (moved) {
    await db.agentStatusChange.create({
      data: {
        organizationId: row.organizationId, agentId: row.id,
        fromStatus: before?.status ?? 'offline', toStatus: view.status,
        pauseReasonId: view.pauseReason?.id ?? null, pauseReasonLabel: view.pauseReason?.label ?? null,
        source: change.source, byUserId: change.byUserId ?? null,
      },
    });
  }
  await publishAgentStatus(db, row.organizationId, row.id, view, notifyRuntime);
  return view;
}

/** pg_notify of the C2 event `agent.status` (and the runtime directory's refresh). */
export async function publishAgentStatus(db: Pick<PrismaClient, '$executeRaw'>, organizationId: string, agentId: string, status: AgentStatusView, notifyRuntime = true): Promise<void> {
  const payload = JSON.stringify({ o: organizationId, a: [agentId], t: 'agent.status', d: { agentId, status }, at: new Date().toISOString() });
  await db.$executeRaw`SELECT pg_notify('relais_live', ${payload})`;
  if (notifyRuntime) await db.$executeRaw`SELECT pg_notify('relais_agent_changed', ${agentId})`;
}
