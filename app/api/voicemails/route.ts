import { ApiError } from '@/app/lib/api/errors';
import { withApi } from '@/app/lib/api/handler';
import { listVoicemails } from '@/app/lib/voicemails/list-voicemails';

export const dynamic = 'force-dynamic';

/** GET /api/voicemails?mailbox=group:<id>&unread=true&cursor=…&limit=50 — newest first, without the audio. */
export const GET = withApi({}, async (req, { user }) => {
  const query = new URL(req.url).searchParams;
  const limit = query.get('limit');
  if (limit !== null && !/^[0-9]{1,3}$/.test(limit)) throw new ApiError('VALIDATION_FAILED', 'limit must be an integer from 1 to 200', { path: '/limit' });
  const unread = query.get('unread');
  if (unread !== null && !['true', 'false', '1', '0'].includes(unread)) throw new ApiError('VALIDATION_FAILED', 'unread must be true or false', { path: '/unread' });
  return listVoicemails(user, {
    mailbox: query.get('mailbox') || undefined,
    unread: unread === 'true' || unread === '1',
    cursor: query.get('cursor') || undefined,
    limit: limit === null ? undefined : Number(limit),
  });
});
