import type { CurrentUser } from '@/app/lib/auth/current-user';
import { notFound } from '@/app/lib/api/errors';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { refuseIfUsed } from '@/app/lib/usage/refuse-if-used';

/**
 * Deletes a group: refused (409 IN_USE) while a draft or live flow uses it. Its voicemails stay,
 * under the organisation, with the group's name (app/lib/usage/README.md).
 */
export async function deleteGroup(user: Pick<CurrentUser, 'id' | 'organizationId'>, id: string): Promise<void> {
  await inTransaction(async (tx) => {
    const group = await tx.queueGroup.findFirst({ where: { id, organizationId: user.organizationId } });
    if (!group) throw notFound('Group', id);
    await refuseIfUsed(tx, user.organizationId, 'groups', id, group.name);
    await tx.voicemail.updateMany({ where: { groupId: id, mailboxName: null }, data: { mailboxName: group.name } });
    await tx.queueGroup.delete({ where: { id } });
    await recordAudit(tx, user, { action: 'delete', entityType: 'group', entityId: id, details: { name: group.name } });
  });
}
