import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import type { Role } from '@/prisma/generated/client';
import { assertNotLastAdmin } from './last-admin';
import { findUser, toUserView, type UserView } from './user-view';

export interface UserUpdateInput {
  name?: string;
  role?: Role;
}

/** Changes a user's role or name; the new role applies to their next request (roles are read per request). */
export async function updateUser(admin: Pick<CurrentUser, 'id' | 'organizationId'>, id: string, input: UserUpdateInput): Promise<UserView> {
  return inTransaction(async (tx) => {
    const user = await findUser(tx, admin.organizationId, id);
    if (input.role !== undefined && input.role !== 'admin') await assertNotLastAdmin(tx, user, 'demote', '/role');
    const updated = await tx.user.update({
      where: { id },
      data: {
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.role !== undefined ? { role: input.role } : {}),
      },
    });
    const details: Record<string, unknown> = { fields: Object.keys(input) };
    if (input.role !== undefined && input.role !== user.role) Object.assign(details, { fromRole: user.role, toRole: input.role });
    await recordAudit(tx, admin, { action: 'update', entityType: 'user', entityId: id, details });
    return toUserView(updated);
  });
}
