import { withApi } from '@/app/lib/api/handler';
import { parseTtsQuery, synthesizeWav } from '@/app/lib/tts/synthesize';
import { takeTtsToken } from '@/app/lib/tts/tts-limits';

export const dynamic = 'force-dynamic';

// GET /api/tts?text=…&voice=fr|en → audio/wav (8 kHz mono), any signed-in role.
// Per user: a token bucket (429 TOO_MANY_REQUESTS + Retry-After over it), see tts-limits.ts.
export const GET = withApi({}, async (req, { user }) => {
  const request = parseTtsQuery(new URL(req.url).searchParams);
  takeTtsToken(user.id);
  const wav = await synthesizeWav(request);
  return new Response(new Uint8Array(wav), {
    headers: { 'content-type': 'audio/wav', 'content-length': String(wav.length), 'cache-control': 'private, max-age=86400' },
  });
});
