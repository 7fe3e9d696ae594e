import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { loadNumberView } from './number-view';
import { refuseIfUsed } from '@/app/lib/usage/refuse-if-used';

/**
 * Deletes a number: refused (409 IN_USE) while a draft or live flow names it (SMS sender…); a
 * number routed to a live flow is deleted only with `confirmed` (the API's `confirm=true`).
 */
export async function deleteNumber(user: Pick<CurrentUser, 'id' | 'organizationId'>, id: string, options: { confirmed?: boolean } = {}): Promise<void> {
  await inTransaction(async (tx) => {
    const number = await loadNumberView(tx, user.organizationId, id);
    await refuseIfUsed(tx, user.organizationId, 'numbers', id, number.e164, options);
    await tx.phoneNumber.delete({ where: { id } });
    await recordAudit(tx, user, { action: 'delete', entityType: 'number', entityId: id, details: { e164: number.e164 } });
  });
}
