import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { loadSoundView } from './sound-view';

export async function deleteSound(user: Pick<CurrentUser, 'id' | 'organizationId'>, id: string): Promise<void> {
  await inTransaction(async (tx) => {
    const sound = await loadSoundView(tx, user.organizationId, id);
    await tx.sound.delete({ where: { id } });
    await recordAudit(tx, user, { action: 'delete', entityType: 'sound', entityId: id, details: { name: sound.name } });
  });
}
