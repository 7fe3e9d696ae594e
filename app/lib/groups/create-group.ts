import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { checkMembers, memberRows, type GroupInput } from './group-input';
import { loadGroupView, type GroupView } from './group-view';

export async function createGroup(user: Pick<CurrentUser, 'id' | 'organizationId'>, input: GroupInput): Promise<GroupView> {
  return inTransaction(async (tx) => {
    const members = input.members ?? [];
    await checkMembers(tx, user.organizationId, members);
    const group = await tx.queueGroup.create({
      data: {
        organizationId: user.organizationId,
        name: input.name.trim(),
        ringTimeSeconds: input.ringTimeSeconds ?? 20,
        ...(input.color !== undefined ? { color: input.color.toLowerCase() } : {}),
        wrapUpSeconds: input.wrapUpSeconds ?? 0,
        serviceLevelSeconds: input.serviceLevelSeconds ?? 20,
        members: { create: memberRows(members) },
      },
    });
    await recordAudit(tx, user, { action: 'create', entityType: 'group', entityId: group.id, details: { name: group.name, members: members.length } });
    return loadGroupView(tx, user.organizationId, group.id);
  });
}
