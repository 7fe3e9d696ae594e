// A voicemail or callback request for a group or agent deleted while a call was still running
// an older flow version (deletes of what a draft or live version uses are refused: see
// app/lib/usage/README.md). The foreign key would refuse the row and the message would end in
// the dead-letter file; instead the row is kept under the organisation without the link, and a
// voicemail keeps the mailbox's name (read from the row, or from the audit entry of its deletion).
import type { PrismaClient } from '../../prisma/client';

type Row = Record<string, unknown>;

async function deletedName(prisma: PrismaClient, organizationId: string, entityType: 'group' | 'agent', entityId: string): Promise<string | null> {
  const entry = await prisma.auditLog.findFirst({
    where: { organizationId, entityType, entityId, action: `${entityType}.delete` },
    orderBy: { createdAt: 'desc' },
    select: { details: true },
  });
  const name = (entry?.details as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : null;
}

/** The voicemail row with `mailboxName` set, and its group/agent link dropped when that mailbox no longer exists. */
export async function withKeptMailbox(prisma: PrismaClient, row: Row): Promise<Row> {
  const organizationId = row.organizationId as string;
  if (typeof row.groupId === 'string') {
    const group = await prisma.queueGroup.findFirst({ where: { id: row.groupId, organizationId }, select: { name: true } });
    if (group) return { ...row, mailboxName: group.name };
    return { ...row, groupId: null, mailboxName: await deletedName(prisma, organizationId, 'group', row.groupId) };
  }
  if (typeof row.agentId === 'string') {
    const agent = await prisma.agent.findFirst({ where: { id: row.agentId, organizationId }, select: { name: true } });
    if (agent) return { ...row, mailboxName: agent.name };
    return { ...row, agentId: null, mailboxName: await deletedName(prisma, organizationId, 'agent', row.agentId) };
  }
  return row;
}

/** The callback request row without its group link when the group no longer exists (kept, not dead-lettered). */
export async function withKeptGroup(prisma: PrismaClient, row: Row): Promise<Row> {
  if (typeof row.groupId !== 'string') return row;
  const group = await prisma.queueGroup.findFirst({ where: { id: row.groupId, organizationId: row.organizationId as string }, select: { id: true } });
  return group ? row : { ...row, groupId: null };
}
