// Who may act on a call and hear its recordings (issue 13). Admins and supervisors: every call of
// their organisation. Agents: commands only on a call where they are the agent bridged right now
// (a CallLeg of their Agent answered and not ended), recordings only of calls they took part in
// (a CallLeg of theirs that was answered). Anything else reads as not found (404, neutral).
import type { CurrentUser } from '@/app/lib/auth/current-user';
import type { Db } from '@/app/lib/db/transaction';
import type { Prisma } from '@/prisma/generated/client';

export type CallActor = Pick<CurrentUser, 'id' | 'organizationId' | 'role'>;

const manages = (user: CallActor) => user.role === 'admin' || user.role === 'supervisor';

async function agentIdOf(db: Db, user: CallActor): Promise<string | null> {
  const agent = await db.agent.findFirst({ where: { userId: user.id, organizationId: user.organizationId }, select: { id: true } });
  return agent?.id ?? null;
}

/** The call a user may send commands to, or null (unknown, other organisation, not their call). */
export async function commandableCall(db: Db, user: CallActor, callId: string): Promise<{ id: string; organizationId: string; endedAt: Date | null } | null> {
  const where: Prisma.CallWhereInput = { id: callId, organizationId: user.organizationId };
  if (!manages(user)) {
    const agentId = await agentIdOf(db, user);
    if (!agentId) return null;
    where.legs = { some: { agentId, answeredAt: { not: null }, endedAt: null } };
  }
  return db.call.findFirst({ where, select: { id: true, organizationId: true, endedAt: true } });
}

/** Prisma filter of the recordings a user may hear (organisation included). */
export async function recordingWhere(db: Db, user: CallActor): Promise<Prisma.CallRecordingWhereInput> {
  if (manages(user)) return { organizationId: user.organizationId };
  const agentId = await agentIdOf(db, user);
  if (!agentId) return { organizationId: user.organizationId, id: { in: [] } };
  return { organizationId: user.organizationId, call: { legs: { some: { agentId, answeredAt: { not: null } } } } };
}

/** Whether the user may see that call at all (for listing its recordings). */
export async function visibleCall(db: Db, user: CallActor, callId: string): Promise<boolean> {
  const where: Prisma.CallWhereInput = { id: callId, organizationId: user.organizationId };
  if (!manages(user)) {
    const agentId = await agentIdOf(db, user);
    if (!agentId) return false;
    where.legs = { some: { agentId, answeredAt: { not: null } } };
  }
  return (await db.call.count({ where })) > 0;
}
