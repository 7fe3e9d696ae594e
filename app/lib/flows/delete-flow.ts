import type { CurrentUser } from '@/app/lib/auth/current-user';
import { ApiError, notFound } from '@/app/lib/api/errors';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { refuseIfUsed } from '@/app/lib/usage/refuse-if-used';

/**
 * Soft-deletes a flow: it leaves lists and the API, while past calls keep their versions.
 * Refused (409) while a phone number still routes to it, so no live number loses its flow, and
 * (409 IN_USE) while the draft or live version of another flow redirects to it.
 */
export async function deleteFlow(user: Pick<CurrentUser, 'id' | 'organizationId'>, id: string): Promise<void> {
  await inTransaction(async (tx) => {
    const flow = await tx.flow.findFirst({
      where: { id, organizationId: user.organizationId, deletedAt: null },
      include: { phoneNumbers: { select: { e164: true } } },
    });
    if (!flow) throw notFound('Flow', id);
    if (flow.phoneNumbers.length > 0) {
      const numbers = flow.phoneNumbers.map((n) => n.e164).join(', ');
      throw new ApiError('CONFLICT', `Flow "${flow.name}" still answers ${numbers}; route these numbers to another flow first`, {
        details: { numbers: flow.phoneNumbers.map((n) => n.e164) },
      });
    }
    await refuseIfUsed(tx, user.organizationId, 'flows', id, flow.name);
    await tx.flow.update({ where: { id }, data: { deletedAt: new Date() } });
    await recordAudit(tx, user, { action: 'delete', entityType: 'flow', entityId: id, details: { name: flow.name } });
  });
}
