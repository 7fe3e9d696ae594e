// Pause reasons (issue 14): configured by admins, read by everyone of the organisation (the
// console's status selector). Deleting one leaves agents paused with it paused without a reason.
import type { CurrentUser } from '@/app/lib/auth/current-user';
import { notFound } from '@/app/lib/api/errors';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { getPrisma } from '@/prisma/client';

export interface PauseReasonView {
  id: string;
  label: string;
  position: number;
}

export interface PauseReasonInput {
  label: string;
  position?: number;
}

const select = { id: true, label: true, position: true } as const;

export async function listPauseReasons(user: Pick<CurrentUser, 'organizationId'>): Promise<PauseReasonView[]> {
  return getPrisma().pauseReason.findMany({ where: { organizationId: user.organizationId }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select });
}

export async function createPauseReason(user: Pick<CurrentUser, 'id' | 'organizationId'>, input: PauseReasonInput): Promise<PauseReasonView> {
  return inTransaction(async (tx) => {
    const position = input.position ?? (await tx.pauseReason.count({ where: { organizationId: user.organizationId } }));
    const reason = await tx.pauseReason.create({ data: { organizationId: user.organizationId, label: input.label.trim(), position }, select });
    await recordAudit(tx, user, { action: 'create', entityType: 'pause_reason', entityId: reason.id, details: { label: reason.label } });
    return reason;
  });
}

export async function updatePauseReason(user: Pick<CurrentUser, 'id' | 'organizationId'>, id: string, input: Partial<PauseReasonInput>): Promise<PauseReasonView> {
  return inTransaction(async (tx) => {
    const existing = await tx.pauseReason.findFirst({ where: { id, organizationId: user.organizationId }, select: { id: true } });
    if (!existing) throw notFound('Pause reason', id);
    const reason = await tx.pauseReason.update({
      where: { id },
      data: { ...(input.label !== undefined ? { label: input.label.trim() } : {}), ...(input.position !== undefined ? { position: input.position } : {}) },
      select,
    });
    await recordAudit(tx, user, { action: 'update', entityType: 'pause_reason', entityId: id, details: { fields: Object.keys(input) } });
    return reason;
  });
}

export async function deletePauseReason(user: Pick<CurrentUser, 'id' | 'organizationId'>, id: string): Promise<void> {
  await inTransaction(async (tx) => {
    const existing = await tx.pauseReason.findFirst({ where: { id, organizationId: user.organizationId }, select: { id: true, label: true } });
    if (!existing) throw notFound('Pause reason', id);
    await tx.pauseReason.delete({ where: { id } });
    await recordAudit(tx, user, { action: 'delete', entityType: 'pause_reason', entityId: id, details: { label: existing.label } });
  });
}
