import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { loadSoundView } from './sound-view';
import { refuseIfUsed } from '@/app/lib/usage/refuse-if-used';

/** Deletes a sound: refused (409 IN_USE) while a draft or live flow plays it. */
export async function deleteSound(user: Pick<CurrentUser, 'id' | 'organizationId'>, id: string): Promise<void> {
  await inTransaction(async (tx) => {
    const sound = await loadSoundView(tx, user.organizationId, id);
    await refuseIfUsed(tx, user.organizationId, 'sounds', id, sound.name);
    await tx.sound.delete({ where: { id } });
    await recordAudit(tx, user, { action: 'delete', entityType: 'sound', entityId: id, details: { name: sound.name } });
  });
}
