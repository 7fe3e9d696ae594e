import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { loadSoundView, type SoundView } from './sound-view';

export async function updateSound(
  user: Pick<CurrentUser, 'id' | 'organizationId'>,
  id: string,
  input: { name?: string; language?: string },
): Promise<SoundView> {
  return inTransaction(async (tx) => {
    await loadSoundView(tx, user.organizationId, id);
    await tx.sound.update({
      where: { id },
      data: { ...(input.name !== undefined ? { name: input.name.trim() } : {}), ...(input.language !== undefined ? { language: input.language } : {}) },
    });
    await recordAudit(tx, user, { action: 'update', entityType: 'sound', entityId: id, details: input });
    return loadSoundView(tx, user.organizationId, id);
  });
}
