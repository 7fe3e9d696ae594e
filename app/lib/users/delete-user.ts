import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { assertNotLastAdmin } from './last-admin';
import { findUser } from './user-view';

/**
 * Removes a user: their sessions and API tokens go with them (they are signed out at once);
 * an agent linked to them stays, unlinked; audit entries and versions keep "(deleted user)".
 */
export async function deleteUser(admin: Pick<CurrentUser, 'id' | 'organizationId'>, id: string): Promise<void> {
  await inTransaction(async (tx) => {
    const user = await findUser(tx, admin.organizationId, id);
    await assertNotLastAdmin(tx, user, 'remove');
    // Recorded first: an admin removing themselves is the entry's author (set to null with the row).
    await recordAudit(tx, admin, { action: 'delete', entityType: 'user', entityId: id, details: { email: user.email, name: user.name, role: user.role } });
    await tx.user.delete({ where: { id } });
  });
}
