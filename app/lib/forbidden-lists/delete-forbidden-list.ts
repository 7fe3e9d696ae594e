import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { loadForbiddenListView } from './forbidden-list-view';

export async function deleteForbiddenList(user: Pick<CurrentUser, 'id' | 'organizationId'>, id: string): Promise<void> {
  await inTransaction(async (tx) => {
    const list = await loadForbiddenListView(tx, user.organizationId, id);
    await tx.forbiddenList.delete({ where: { id } });
    await recordAudit(tx, user, { action: 'delete', entityType: 'forbidden_list', entityId: id, details: { name: list.name } });
  });
}
