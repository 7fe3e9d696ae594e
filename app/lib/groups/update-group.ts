import type { CurrentUser } from '@/app/lib/auth/current-user';
import { notFound } from '@/app/lib/api/errors';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { checkMembers, memberRows, type GroupInput } from './group-input';
import { loadGroupView, type GroupView } from './group-view';

/** Changes a group; `members`, when sent, replaces the whole ordered list. */
export async function updateGroup(user: Pick<CurrentUser, 'id' | 'organizationId'>, id: string, input: Partial<GroupInput>): Promise<GroupView> {
  return inTransaction(async (tx) => {
    const existing = await tx.queueGroup.findFirst({ where: { id, organizationId: user.organizationId } });
    if (!existing) throw notFound('Group', id);
    if (input.members) {
      await checkMembers(tx, user.organizationId, input.members);
      await tx.groupMember.deleteMany({ where: { groupId: id } });
      await tx.groupMember.createMany({ data: memberRows(input.members).map((m) => ({ ...m, groupId: id })) });
    }
    await tx.queueGroup.update({
      where: { id },
      data: {
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.ringTimeSeconds !== undefined ? { ringTimeSeconds: input.ringTimeSeconds } : {}),
        ...(input.color !== undefined ? { color: input.color.toLowerCase() } : {}),
        ...(input.wrapUpSeconds !== undefined ? { wrapUpSeconds: input.wrapUpSeconds } : {}),
        ...(input.serviceLevelSeconds !== undefined ? { serviceLevelSeconds: input.serviceLevelSeconds } : {}),
        updatedAt: new Date(),
      },
    });
    await recordAudit(tx, user, { action: 'update', entityType: 'group', entityId: id, details: { fields: Object.keys(input) } });
    return loadGroupView(tx, user.organizationId, id);
  });
}
