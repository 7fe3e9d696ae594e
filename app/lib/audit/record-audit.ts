// Audit trail of changes to flows and the resources they use. Called inside the same
// transaction as the change it records.
import type { Tx } from '@/app/lib/db/transaction';
import type { CurrentUser } from '@/app/lib/auth/current-user';

export type AuditAction = 'create' | 'update' | 'delete' | 'import' | 'publish' | 'rollback' | 'duplicate' | 'command' | 'canary_start' | 'canary_change' | 'canary_promote' | 'canary_stop';
export type AuditEntity = 'flow' | 'flow_draft' | 'number' | 'calendar' | 'group' | 'agent' | 'sound' | 'forbidden_list' | 'contact' | 'api_token' | 'voicemail' | 'user' | 'organization' | 'call' | 'pause_reason' | 'webhook';

export async function recordAudit(
  tx: Tx,
  user: Pick<CurrentUser, 'id' | 'organizationId'>,
  entry: { action: AuditAction; entityType: AuditEntity; entityId: string; details?: Record<string, unknown> },
): Promise<void> {
  await tx.auditLog.create({
    data: {
      organizationId: user.organizationId,
      userId: user.id,
      action: `${entry.entityType}.${entry.action}`,
      entityType: entry.entityType,
      entityId: entry.entityId,
      details: (entry.details ?? undefined) as object | undefined,
    },
  });
}
