import { noContent, withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { deleteVoicemail } from '@/app/lib/voicemails/delete-voicemail';
import { setVoicemailListened } from '@/app/lib/voicemails/set-voicemail-listened';

export const dynamic = 'force-dynamic';
type P = { id: string };

/** PATCH { listened: boolean }: any role, on a voicemail it may see. */
export const PATCH = withApi<P>({}, async (req, { user, params }) => {
  const body = await validateBody<{ listened: boolean }>(req, 'VoicemailUpdate');
  return setVoicemailListened(user, params.id, body.listened);
});

/** Admins and supervisors: any voicemail; agents: their own mailbox's (403 for a group's). */
export const DELETE = withApi<P>({}, async (_req, { user, params }) => {
  await deleteVoicemail(user, params.id);
  return noContent();
});
