import { withApi } from '@/app/lib/api/handler';
import { parseTtsQuery, synthesizeWav } from '@/app/lib/tts/synthesize';

export const dynamic = 'force-dynamic';

// GET /api/tts?text=…&voice=fr|en → audio/wav (8 kHz mono), any signed-in role.
export const GET = withApi({}, async (req) => {
  const wav = await synthesizeWav(parseTtsQuery(new URL(req.url).searchParams));
  return new Response(new Uint8Array(wav), {
    headers: { 'content-type': 'audio/wav', 'content-length': String(wav.length), 'cache-control': 'private, max-age=86400' },
  });
});
