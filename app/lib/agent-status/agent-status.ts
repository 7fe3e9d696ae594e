// Agents' statuses through the API (issue 14, contract C1). The rules and the status object are
// flow-runtime/agents/agent-status.ts (shared with the runtime, which writes ringing / in_call /
// wrap_up); here: who may change what, validation, and the change log.
//   - GET /api/agent/me: the session user's agent (Agent.userId), 404 NOT_AN_AGENT otherwise;
//   - PUT /api/agent/me/status: the agent's choice; 423 STATUS_LOCKED while a supervisor's lock holds;
//   - PUT /api/agent/me/wrap-up: the agent's post-call pause for the current call (PPA);
//   - PUT / DELETE /api/agents/:id/lock: supervisors and admins force a status (audited).
import type { CurrentUser } from '@/app/lib/auth/current-user';
import { ApiError, notFound } from '@/app/lib/api/errors';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { getPrisma } from '@/prisma/client';
import { inTransaction, type Tx } from '@/app/lib/db/transaction';
import {
  readStatus, recordAndPublish, STATUS_SELECT, toStatusView,
  type AgentStatusView, type ChosenStatus, type StatusRow,
} from '@/flow-runtime/agents/agent-status';

export interface StatusInput {
  status: ChosenStatus;
  pauseReasonId?: string | null;
}

export interface MyAgentView {
  agent: { id: string; name: string; extension: string | null; groups: { id: string; name: string; color: string }[] };
  status: AgentStatusView;
}

function notAnAgent(): ApiError {
  return new ApiError('NOT_AN_AGENT', 'Your user is not linked to an agent (ask an admin to link it on the agents page)', {
    details: { messageKey: 'agentStatus.errors.notAnAgent' },
  });
}

async function myAgentId(db: Pick<Tx, 'agent'>, user: Pick<CurrentUser, 'id' | 'organizationId'>): Promise<string> {
  const agent = await db.agent.findFirst({ where: { userId: user.id, organizationId: user.organizationId }, select: { id: true } });
  if (!agent) throw notAnAgent();
  return agent.id;
}

export async function getMyAgent(user: Pick<CurrentUser, 'id' | 'organizationId'>): Promise<MyAgentView> {
  const prisma = getPrisma();
  const agent = await prisma.agent.findFirst({
    where: { userId: user.id, organizationId: user.organizationId },
    select: {
      ...STATUS_SELECT, name: true, extension: true,
      memberships: { orderBy: { group: { name: 'asc' } }, select: { group: { select: { id: true, name: true, color: true } } } },
    },
  });
  if (!agent) throw notAnAgent();
  return {
    agent: { id: agent.id, name: agent.name, extension: agent.extension, groups: agent.memberships.map((m) => m.group) },
    status: toStatusView(agent as unknown as StatusRow),
  };
}

/** The pause reason must be one of the organisation's; required for paused when it has any. */
async function checkReason(tx: Tx, organizationId: string, input: StatusInput): Promise<string | null> {
  if (input.status !== 'paused') {
    if (input.pauseReasonId) throw new ApiError('VALIDATION_FAILED', 'A pause reason goes with the status paused only', { path: '/pauseReasonId', details: { messageKey: 'agentStatus.errors.reasonOnlyForPause' } });
    return null;
  }
  if (input.pauseReasonId) {
    const reason = await tx.pauseReason.findFirst({ where: { id: input.pauseReasonId, organizationId }, select: { id: true } });
    if (!reason) throw new ApiError('VALIDATION_FAILED', `Pause reason ${input.pauseReasonId} does not exist in this organisation`, { path: '/pauseReasonId', details: { messageKey: 'agentStatus.errors.unknownReason' } });
    return reason.id;
  }
  const count = await tx.pauseReason.count({ where: { organizationId } });
  if (count > 0) throw new ApiError('VALIDATION_FAILED', 'Choose a pause reason', { path: '/pauseReasonId', details: { messageKey: 'agentStatus.errors.reasonRequired' } });
  return null;
}

export async function setMyStatus(user: Pick<CurrentUser, 'id' | 'organizationId'>, input: StatusInput): Promise<AgentStatusView> {
  return inTransaction(async (tx) => {
    const agentId = await myAgentId(tx, user);
    // serialises concurrent changes of the same agent (lock vs. agent)
    await tx.$executeRaw`SELECT id FROM "Agent" WHERE id = ${agentId} FOR UPDATE`;
    const before = (await readStatus(tx, agentId))!;
    if (before.row.lockStatus) {
      throw new ApiError('STATUS_LOCKED', 'A supervisor has locked your status', { details: { lock: before.view.lock, messageKey: 'agentStatus.errors.locked' } });
    }
    const pauseReasonId = await checkReason(tx, user.organizationId, input);
    const row = (await tx.agent.update({
      where: { id: agentId },
      data: { status: input.status, pauseReasonId, statusSince: new Date() },
      select: STATUS_SELECT,
    })) as StatusRow;
    return recordAndPublish(tx, before.view, row, { source: 'agent', byUserId: user.id });
  });
}

/** The agent's post-call pause for the current (or just ended) call: the runtime applies it when the call ends, or shortens / lengthens a wrap-up in progress. */
export async function setMyWrapUp(user: Pick<CurrentUser, 'id' | 'organizationId'>, seconds: number): Promise<AgentStatusView> {
  return inTransaction(async (tx) => {
    const agentId = await myAgentId(tx, user);
    await tx.agent.update({ where: { id: agentId }, data: { wrapUpChoiceSeconds: seconds } });
    await tx.$executeRaw`SELECT pg_notify('relais_agent_changed', ${agentId})`;
    return (await readStatus(tx, agentId))!.view;
  });
}

export async function lockAgent(user: Pick<CurrentUser, 'id' | 'organizationId' | 'name' | 'role'>, agentId: string, input: StatusInput): Promise<AgentStatusView> {
  return inTransaction(async (tx) => {
    const agent = await tx.agent.findFirst({ where: { id: agentId, organizationId: user.organizationId }, select: { id: true } });
    if (!agent) throw notFound('Agent', agentId);
    await tx.$executeRaw`SELECT id FROM "Agent" WHERE id = ${agentId} FOR UPDATE`;
    const before = (await readStatus(tx, agentId))!;
    const reasonId = await checkReason(tx, user.organizationId, input);
    const row = (await tx.agent.update({
      where: { id: agentId },
      data: { lockStatus: input.status, lockPauseReasonId: reasonId, lockedById: user.id, lockedByName: user.name, lockedAt: new Date() },
      select: STATUS_SELECT,
    })) as StatusRow;
    await recordAudit(tx, user, { action: 'update', entityType: 'agent', entityId: agentId, details: { lock: input.status, pauseReasonId: reasonId } });
    return recordAndPublish(tx, before.view, row, { source: user.role === 'admin' ? 'admin' : 'supervisor', byUserId: user.id });
  });
}

export async function unlockAgent(user: Pick<CurrentUser, 'id' | 'organizationId' | 'role'>, agentId: string): Promise<AgentStatusView> {
  return inTransaction(async (tx) => {
    const agent = await tx.agent.findFirst({ where: { id: agentId, organizationId: user.organizationId }, select: { id: true } });
    if (!agent) throw notFound('Agent', agentId);
    await tx.$executeRaw`SELECT id FROM "Agent" WHERE id = ${agentId} FOR UPDATE`;
    const before = (await readStatus(tx, agentId))!;
    // the agent gets back the status they had chosen, counted from now
    const row = (await tx.agent.update({
      where: { id: agentId },
      data: { lockStatus: null, lockPauseReasonId: null, lockedById: null, lockedByName: null, lockedAt: null, ...(before.row.lockStatus ? { statusSince: new Date() } : {}) },
      select: STATUS_SELECT,
    })) as StatusRow;
    await recordAudit(tx, user, { action: 'update', entityType: 'agent', entityId: agentId, details: { lock: null } });
    return recordAndPublish(tx, before.view, row, { source: user.role === 'admin' ? 'admin' : 'supervisor', byUserId: user.id });
  });
}

/** The status of any agent of the organisation (supervisors' views). */
export async function getAgentStatus(user: Pick<CurrentUser, 'organizationId'>, agentId: string): Promise<AgentStatusView> {
  const prisma = getPrisma();
  const row = await prisma.agent.findFirst({ where: { id: agentId, organizationId: user.organizationId }, select: STATUS_SELECT });
  if (!row) throw notFound('Agent', agentId);
  return toStatusView(row as StatusRow);
}
