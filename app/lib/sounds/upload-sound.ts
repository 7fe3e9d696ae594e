import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { convertToTelephonyWav } from './convert-audio';
import { toSoundView, soundSelect, type SoundView } from './sound-view';

export interface UploadSoundInput {
  name: string;
  language: string;
  originalName: string | null;
  file: Buffer;
}

/** Converts an uploaded file to 8 kHz mono WAV and stores it (conversion first: no transaction held open meanwhile). */
export async function uploadSound(user: Pick<CurrentUser, 'id' | 'organizationId'>, input: UploadSoundInput): Promise<SoundView> {
  const audio = await convertToTelephonyWav(input.file);
  return inTransaction(async (tx) => {
    const row = await tx.sound.create({
      data: {
        organizationId: user.organizationId,
        name: input.name.trim(),
        language: input.language,
        originalName: input.originalName,
        mimeType: 'audio/wav',
        data: new Uint8Array(audio.data),
        durationMs: audio.durationMs,
      },
      select: soundSelect,
    });
    await recordAudit(tx, user, { action: 'create', entityType: 'sound', entityId: row.id, details: { name: row.name, durationMs: row.durationMs } });
    return toSoundView(row);
  });
}
