import type { CurrentUser } from '@/app/lib/auth/current-user';
import { notFound } from '@/app/lib/api/errors';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';

/** Revokes one of the caller's tokens; it stops working at once. */
export async function deleteApiToken(user: Pick<CurrentUser, 'id' | 'organizationId'>, id: string): Promise<void> {
  await inTransaction(async (tx) => {
    const { count } = await tx.apiToken.deleteMany({ where: { id, userId: user.id, organizationId: user.organizationId } });
    if (count === 0) throw notFound('API token', id);
    await recordAudit(tx, user, { action: 'delete', entityType: 'api_token', entityId: id });
  });
}
