import { ApiError, pointer } from '@/app/lib/api/errors';
import type { Tx } from '@/app/lib/db/transaction';

export interface GroupMemberInput {
  agentId: string;
  ringTimeSeconds?: number | null;
}

export interface GroupInput {
  name: string;
  ringTimeSeconds?: number;
  /** #rrggbb */
  color?: string;
  wrapUpSeconds?: number;
  /** Service level target of the statistics: answered within this many seconds. */
  serviceLevelSeconds?: number;
  members?: GroupMemberInput[];
}

/** Members must be distinct agents of the organisation; the list order is the cascade order. */
export async function checkMembers(tx: Tx, organizationId: string, members: GroupMemberInput[]): Promise<void> {
  const seen = new Map<string, number>();
  members.forEach((m, i) => {
    if (seen.has(m.agentId)) {
      throw new ApiError('VALIDATION_FAILED', `Agent ${m.agentId} is listed twice (members ${seen.get(m.agentId)} and ${i})`, {
        path: pointer('members', i, 'agentId'),
      });
    }
    seen.set(m.agentId, i);
  });
  if (members.length === 0) return;
  const found = await tx.agent.findMany({ where: { organizationId, id: { in: [...seen.keys()] } }, select: { id: true } });
  const known = new Set(found.map((a) => a.id));
  const missing = members.findIndex((m) => !known.has(m.agentId));
  if (missing >= 0) {
    throw new ApiError('VALIDATION_FAILED', `Agent ${members[missing].agentId} does not exist in this organisation`, {
      path: pointer('members', missing, 'agentId'),
    });
  }
}

export function memberRows(members: GroupMemberInput[]) {
  return members.map((m, position) => ({ agentId: m.agentId, position, ringTimeSeconds: m.ringTimeSeconds ?? null }));
}
