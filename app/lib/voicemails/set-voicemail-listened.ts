import { notFound } from '@/app/lib/api/errors';
import { inTransaction } from '@/app/lib/db/transaction';
import { voicemailAccess, type VoicemailReader } from './voicemail-access';
import { toVoicemailView, voicemailSelect, type VoicemailView } from './voicemail-view';

/**
 * Marks a voicemail listened (keeps the first listening time) or new again. Reading one's
 * messages is not an administrative change, so it is not written to the audit log.
 */
export async function setVoicemailListened(user: VoicemailReader, id: string, listened: boolean): Promise<VoicemailView> {
  return inTransaction(async (tx) => {
    const access = await voicemailAccess(tx, user);
    const row = await tx.voicemail.findFirst({ where: { AND: [access.where, { id }] }, select: { id: true, listenedAt: true } });
    if (!row) throw notFound('Voicemail', id);
    const listenedAt = listened ? (row.listenedAt ?? new Date()) : null;
    return toVoicemailView(await tx.voicemail.update({ where: { id }, data: { listenedAt }, select: voicemailSelect }));
  });
}
