import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { entryRows, loadForbiddenListView, type ForbiddenListInput, type ForbiddenListView } from './forbidden-list-view';

/** Changes a list; `entries`, when sent, replaces all entries. */
export async function updateForbiddenList(
  user: Pick<CurrentUser, 'id' | 'organizationId'>,
  id: string,
  input: Partial<ForbiddenListInput>,
): Promise<ForbiddenListView> {
  return inTransaction(async (tx) => {
    await loadForbiddenListView(tx, user.organizationId, id);
    if (input.entries) {
      await tx.forbiddenEntry.deleteMany({ where: { listId: id } });
      await tx.forbiddenEntry.createMany({ data: entryRows(input.entries).map((e) => ({ ...e, listId: id })) });
    }
    await tx.forbiddenList.update({
      where: { id },
      data: {
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        updatedAt: new Date(),
      },
    });
    await recordAudit(tx, user, { action: 'update', entityType: 'forbidden_list', entityId: id, details: { fields: Object.keys(input) } });
    return loadForbiddenListView(tx, user.organizationId, id);
  });
}
