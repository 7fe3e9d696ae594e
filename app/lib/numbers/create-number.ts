import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { checkNumberInput, loadNumberView, type NumberInput, type NumberView } from './number-view';

/** Registers an E.164 number (unique across all organisations) and optionally routes it to a flow. */
export async function createNumber(user: Pick<CurrentUser, 'id' | 'organizationId'>, input: NumberInput): Promise<NumberView> {
  return inTransaction(async (tx) => {
    await checkNumberInput(tx, user.organizationId, input);
    const row = await tx.phoneNumber.create({
      data: { organizationId: user.organizationId, e164: input.e164, label: input.label ?? null, flowId: input.flowId ?? null },
    });
    await recordAudit(tx, user, { action: 'create', entityType: 'number', entityId: row.id, details: { e164: row.e164, flowId: row.flowId } });
    return loadNumberView(tx, user.organizationId, row.id);
  });
}
