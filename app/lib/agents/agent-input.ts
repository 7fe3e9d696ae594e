import { ApiError, notAvailable } from '@/app/lib/api/errors';
import type { Tx } from '@/app/lib/db/transaction';

export interface AgentInput {
  name: string;
  extension?: string | null;
  sipUsername: string;
  sipPassword: string;
  status?: 'available' | 'paused' | 'offline';
  userId?: string | null;
}

/** Uniqueness and links checked up front, so the caller learns which field to change. */
export async function checkAgentInput(
  tx: Tx,
  organizationId: string,
  input: Partial<AgentInput>,
  realm: string,
  selfId?: string,
): Promise<void> {
  const others = selfId ? { id: { not: selfId } } : {};
  if (input.sipUsername !== undefined) {
    const taken = await tx.agent.findFirst({ where: { sipRealm: realm, sipUsername: input.sipUsername, ...others }, select: { id: true } });
    // One SIP realm serves every organisation (REGISTER names only user@realm), so a username
    // is platform-wide: the same answer whoever holds it.
    if (taken) throw notAvailable('sipUsername');
  }
  if (input.extension) {
    const taken = await tx.agent.findFirst({ where: { organizationId, extension: input.extension, ...others }, select: { id: true } });
    if (taken) throw new ApiError('CONFLICT', `Extension ${input.extension} is already another agent's`, { path: '/extension' });
  }
  if (input.userId) {
    const user = await tx.user.findFirst({ where: { id: input.userId, organizationId }, select: { id: true } });
    if (!user) throw new ApiError('VALIDATION_FAILED', `User ${input.userId} does not exist in this organisation`, { path: '/userId' });
    const linked = await tx.agent.findFirst({ where: { userId: input.userId, ...others }, select: { id: true } });
    if (linked) throw new ApiError('CONFLICT', 'This user is already linked to another agent', { path: '/userId' });
  }
}
