// The mailboxes a user may filter the voicemail list by: every group and agent of the
// organisation for managers; an agent's own mailbox and their groups' otherwise.
import { getPrisma } from '@/prisma/client';
import { voicemailAccess, type VoicemailReader } from './voicemail-access';

export interface MailboxOption {
  /** `agent:<id>` or `group:<id>`, as the list's `mailbox` filter takes it. */
  value: string;
  kind: 'agent' | 'group';
  name: string;
}

export async function listVoicemailMailboxes(user: VoicemailReader): Promise<MailboxOption[]> {
  const prisma = getPrisma();
  const access = await voicemailAccess(prisma, user);
  const orgOnly = { organizationId: user.organizationId };
  const [groups, agents] = await Promise.all([
    prisma.queueGroup.findMany({
      where: access.all ? orgOnly : { ...orgOnly, members: { some: { agentId: access.agentId ?? '' } } },
      select: { id: true, name: true },
      orderBy: { name: 'asc' },
    }),
    prisma.agent.findMany({
      where: access.all ? orgOnly : { ...orgOnly, id: access.agentId ?? '' },
      select: { id: true, name: true },
      orderBy: { name: 'asc' },
    }),
  ]);
  return [
    ...groups.map((g) => ({ value: `group:${g.id}`, kind: 'group' as const, name: g.name })),
    ...agents.map((a) => ({ value: `agent:${a.id}`, kind: 'agent' as const, name: a.name })),
  ];
}
