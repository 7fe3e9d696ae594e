import { withApi } from '@/app/lib/api/handler';
import { getRecordingAudio, recordingFileName } from '@/app/lib/calls/call-recordings';
import { rangeResponse } from '@/app/lib/voicemails/byte-range';

export const dynamic = 'force-dynamic';

/**
 * A call recording as audio/wav (8 kHz mono 16-bit, both parties mixed), with HTTP Range support
 * so <audio> can seek. `?download=1` asks the browser to save it. Agents: recordings of calls
 * they took part in; supervisors, admins: the organisation's; others 404.
 */
export const GET = withApi<{ id: string }>({}, async (req, { user, params }) => {
  const audio = await getRecordingAudio(user, params.id);
  const download = new URL(req.url).searchParams.get('download') === '1';
  return rangeResponse(req, audio.data, {
    'content-type': 'audio/wav',
    'content-disposition': `${download ? 'attachment' : 'inline'}; filename="${recordingFileName(audio, params.id)}"`,
    'cache-control': 'private, no-cache',
  });
});
