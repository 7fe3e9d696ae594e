import { notFound } from '@/app/lib/api/errors';
import { getPrisma } from '@/prisma/client';
import { voicemailAccess, type VoicemailReader } from './voicemail-access';

/** The recording (8 kHz mono 16-bit WAV) of a voicemail the user may see; 404 otherwise. */
export async function getVoicemailAudio(user: VoicemailReader, id: string): Promise<{ data: Uint8Array; createdAt: Date; caller: string | null }> {
  const prisma = getPrisma();
  const access = await voicemailAccess(prisma, user);
  const row = await prisma.voicemail.findFirst({ where: { AND: [access.where, { id }] }, select: { audio: true, createdAt: true, caller: true } });
  if (!row) throw notFound('Voicemail', id);
  return { data: row.audio, createdAt: row.createdAt, caller: row.caller };
}

/** "voicemail-20261123-1142-+33612345678.wav" (UTC), safe in a Content-Disposition. */
export function voicemailFileName(voicemail: { createdAt: Date; caller: string | null }): string {
  const stamp = voicemail.createdAt.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 13);
  const caller = (voicemail.caller ?? 'unknown').replace(/[^0-9A-Za-z+]/g, '');
  return `voicemail-${stamp}-${caller || 'unknown'}.wav`;
}
