import { ApiError, notFound } from '@/app/lib/api/errors';
import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { canDeleteVoicemail, voicemailAccess } from './voicemail-access';

/** Deletes a voicemail and its recording (audited). Agents may delete only their own mailbox's messages. */
export async function deleteVoicemail(user: Pick<CurrentUser, 'id' | 'organizationId' | 'role'>, id: string): Promise<void> {
  await inTransaction(async (tx) => {
    const access = await voicemailAccess(tx, user);
    const row = await tx.voicemail.findFirst({
      where: { AND: [access.where, { id }] },
      select: { mailboxKind: true, agentId: true, groupId: true, caller: true, durationMs: true, createdAt: true },
    });
    if (!row) throw notFound('Voicemail', id);
    if (!canDeleteVoicemail(access, row)) {
      throw new ApiError('FORBIDDEN', "Agents may delete only their own mailbox's voicemails; ask a supervisor to delete a group's message");
    }
    await tx.voicemail.delete({ where: { id } });
    await recordAudit(tx, user, {
      action: 'delete',
      entityType: 'voicemail',
      entityId: id,
      details: { caller: row.caller, mailboxKind: row.mailboxKind, agentId: row.agentId, groupId: row.groupId, durationMs: row.durationMs, createdAt: row.createdAt.toISOString() },
    });
  });
}
