import { notFound } from '@/app/lib/api/errors';
import type { Tx } from '@/app/lib/db/transaction';

/**
 * Locks a flow row of the organisation until the transaction ends (SELECT … FOR UPDATE), so
 * two publishes of the same flow run one after the other and cannot take the same number.
 * 404 for a missing, deleted or foreign flow.
 */
export async function lockFlow(tx: Tx, organizationId: string, flowId: string): Promise<{ id: string; name: string }> {
  const rows = await tx.$queryRaw<{ id: string; name: string }[]>`
    SELECT "id", "name" FROM "Flow"
    WHERE "id" = ${flowId} AND "organizationId" = ${organizationId} AND "deletedAt" IS NULL
    FOR UPDATE`;
  if (rows.length === 0) throw notFound('Flow', flowId);
  return rows[0];
}
