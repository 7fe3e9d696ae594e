// Who sees which voicemails. Admins and supervisors: every mailbox of the organisation.
// Agents: their own mailbox (the Agent linked to their user) and the mailboxes of the groups
// they belong to; they may delete only messages of their own mailbox.
import type { CurrentUser } from '@/app/lib/auth/current-user';
import type { Db } from '@/app/lib/db/transaction';
import type { Prisma } from '@/prisma/generated/client';

export type VoicemailReader = Pick<CurrentUser, 'id' | 'organizationId' | 'role'>;

export interface VoicemailAccess {
  /** Prisma filter of the voicemails the user may see (organisation included). */
  where: Prisma.VoicemailWhereInput;
  /** The user's own agent (agents only; null for managers or an agent without a SIP account). */
  agentId: string | null;
  /** Whether every mailbox of the organisation is visible. */
  all: boolean;
}

export async function voicemailAccess(db: Db, user: VoicemailReader): Promise<VoicemailAccess> {
  if (user.role === 'admin' || user.role === 'supervisor') {
    return { where: { organizationId: user.organizationId }, agentId: null, all: true };
  }
  const agent = await db.agent.findFirst({
    where: { userId: user.id, organizationId: user.organizationId },
    select: { id: true, memberships: { select: { groupId: true } } },
  });
  if (!agent) return { where: { organizationId: user.organizationId, id: { in: [] } }, agentId: null, all: false };
  return {
    where: {
      organizationId: user.organizationId,
      OR: [
        { mailboxKind: 'agent', agentId: agent.id },
        { mailboxKind: 'group', groupId: { in: agent.memberships.map((m) => m.groupId) } },
      ],
    },
    agentId: agent.id,
    all: false,
  };
}

/** May this user delete that voicemail (which they can see)? */
export function canDeleteVoicemail(access: VoicemailAccess, voicemail: { mailboxKind: string; agentId: string | null }): boolean {
  return access.all || (access.agentId !== null && voicemail.mailboxKind === 'agent' && voicemail.agentId === access.agentId);
}
