import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { checkNumberInput, loadNumberView, type NumberInput, type NumberView } from './number-view';

/** Changes a number's label or routing (flowId null: not routed). */
export async function updateNumber(user: Pick<CurrentUser, 'id' | 'organizationId'>, id: string, input: Partial<NumberInput>): Promise<NumberView> {
  return inTransaction(async (tx) => {
    const before = await loadNumberView(tx, user.organizationId, id);
    await checkNumberInput(tx, user.organizationId, input, id);
    await tx.phoneNumber.update({
      where: { id },
      data: {
        ...(input.e164 !== undefined ? { e164: input.e164 } : {}),
        ...(input.label !== undefined ? { label: input.label } : {}),
        ...(input.flowId !== undefined ? { flowId: input.flowId } : {}),
      },
    });
    await recordAudit(tx, user, { action: 'update', entityType: 'number', entityId: id, details: { before: { e164: before.e164, flowId: before.flowId }, after: input } });
    return loadNumberView(tx, user.organizationId, id);
  });
}
