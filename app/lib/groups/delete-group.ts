import type { CurrentUser } from '@/app/lib/auth/current-user';
import { notFound } from '@/app/lib/api/errors';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';

export async function deleteGroup(user: Pick<CurrentUser, 'id' | 'organizationId'>, id: string): Promise<void> {
  await inTransaction(async (tx) => {
    const group = await tx.queueGroup.findFirst({ where: { id, organizationId: user.organizationId } });
    if (!group) throw notFound('Group', id);
    await tx.queueGroup.delete({ where: { id } });
    await recordAudit(tx, user, { action: 'delete', entityType: 'group', entityId: id, details: { name: group.name } });
  });
}
