import { withApi } from '@/app/lib/api/handler';
import { rangeResponse } from '@/app/lib/voicemails/byte-range';
import { getVoicemailAudio, voicemailFileName } from '@/app/lib/voicemails/get-voicemail-audio';

export const dynamic = 'force-dynamic';

/**
 * The recording as audio/wav (8 kHz mono 16-bit), with HTTP Range support so <audio> can seek.
 * `?download=1` asks the browser to save it instead of playing it.
 */
export const GET = withApi<{ id: string }>({}, async (req, { user, params }) => {
  const audio = await getVoicemailAudio(user, params.id);
  const download = new URL(req.url).searchParams.get('download') === '1';
  return rangeResponse(req, audio.data, {
    'content-type': 'audio/wav',
    'content-disposition': `${download ? 'attachment' : 'inline'}; filename="${voicemailFileName(audio)}"`,
    'cache-control': 'private, no-cache',
  });
});
