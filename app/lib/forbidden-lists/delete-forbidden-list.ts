import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { loadForbiddenListView } from './forbidden-list-view';
import { refuseIfUsed } from '@/app/lib/usage/refuse-if-used';

/** Deletes a list: refused (409 IN_USE) while a draft or live flow applies it. */
export async function deleteForbiddenList(user: Pick<CurrentUser, 'id' | 'organizationId'>, id: string): Promise<void> {
  await inTransaction(async (tx) => {
    const list = await loadForbiddenListView(tx, user.organizationId, id);
    await refuseIfUsed(tx, user.organizationId, 'forbiddenLists', id, list.name);
    await tx.forbiddenList.delete({ where: { id } });
    await recordAudit(tx, user, { action: 'delete', entityType: 'forbidden_list', entityId: id, details: { name: list.name } });
  });
}
