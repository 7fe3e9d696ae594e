import type { CurrentUser } from '@/app/lib/auth/current-user';
import { notFound } from '@/app/lib/api/errors';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { getFlow } from './get-flow';
import type { FlowView } from './flow-view';

export interface UpdateFlowInput {
  name?: string;
  description?: string | null;
}

/** Renames a flow or changes its description (the versions' documents are untouched). */
export async function updateFlow(user: Pick<CurrentUser, 'id' | 'organizationId'>, id: string, input: UpdateFlowInput): Promise<FlowView> {
  return inTransaction(async (tx) => {
    const existing = await tx.flow.findFirst({ where: { id, organizationId: user.organizationId, deletedAt: null } });
    if (!existing) throw notFound('Flow', id);
    const data = {
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
    };
    await tx.flow.update({ where: { id }, data });
    await recordAudit(tx, user, {
      action: 'update',
      entityType: 'flow',
      entityId: id,
      details: { before: { name: existing.name, description: existing.description }, after: data },
    });
    return getFlow(user, id, tx);
  });
}
