import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { loadNumberView } from './number-view';

export async function deleteNumber(user: Pick<CurrentUser, 'id' | 'organizationId'>, id: string): Promise<void> {
  await inTransaction(async (tx) => {
    const number = await loadNumberView(tx, user.organizationId, id);
    await tx.phoneNumber.delete({ where: { id } });
    await recordAudit(tx, user, { action: 'delete', entityType: 'number', entityId: id, details: { e164: number.e164 } });
  });
}
