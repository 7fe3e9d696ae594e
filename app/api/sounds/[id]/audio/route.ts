import { withApi } from '@/app/lib/api/handler';
import { getSoundAudio } from '@/app/lib/sounds/get-sound-audio';

export const dynamic = 'force-dynamic';

/** The converted audio (8 kHz mono 16-bit WAV), playable in the browser's <audio>. */
export const GET = withApi<{ id: string }>({}, async (_req, { user, params }) => {
  const audio = await getSoundAudio(user, params.id);
  return new Response(new Blob([new Uint8Array(audio.data)], { type: audio.mimeType }), {
    headers: {
      'content-type': audio.mimeType,
      'content-length': String(audio.data.byteLength),
      'content-disposition': `inline; filename="${encodeURIComponent(audio.name)}.wav"`,
      'cache-control': 'private, max-age=300',
    },
  });
});
