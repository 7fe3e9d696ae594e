import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { entryRows, loadForbiddenListView, type ForbiddenListInput, type ForbiddenListView } from './forbidden-list-view';

export async function createForbiddenList(user: Pick<CurrentUser, 'id' | 'organizationId'>, input: ForbiddenListInput): Promise<ForbiddenListView> {
  return inTransaction(async (tx) => {
    const list = await tx.forbiddenList.create({
      data: {
        organizationId: user.organizationId,
        name: input.name.trim(),
        description: input.description ?? null,
        entries: { create: entryRows(input.entries ?? []) },
      },
    });
    await recordAudit(tx, user, { action: 'create', entityType: 'forbidden_list', entityId: list.id, details: { name: list.name, entries: input.entries?.length ?? 0 } });
    return loadForbiddenListView(tx, user.organizationId, list.id);
  });
}
