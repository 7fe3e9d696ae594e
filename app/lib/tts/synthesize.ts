// Text-to-speech for the editor's "Listen" button, the way calls hear it: the same engine and
// resampling as flow-runtime/media/prompt-library.ts (speech-engine.ts: the espeak-ng binary when
// on PATH, else its WebAssembly build from npm; no sox), imported from those two self-contained
// modules only: prompt-library.ts itself pulls the RTP server into the admin app's bundle.
// Cached on disk under `<RELAIS_DATA_DIR or .data>/tts-cache/tts-<sha256(voice, text)>.wav`,
// written to a temporary name then renamed, so a half-written file is never served.
// Bounded: at most 2 syntheses at once (./tts-limits.ts) and the cache folder is kept under
// RELAIS_TTS_CACHE_MAX_MB (default 100 MB), least recently used entries dropped first.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '@/app/lib/api/errors';
import { cacheMaxBytesFromEnv, DiskCacheLimit } from '@/flow-runtime/media/disk-cache-limit';
import { synthesizeSpeech } from '@/flow-runtime/media/speech-engine';
import { ttsSlots } from './tts-limits';
import { telephonyWav } from '@/flow-runtime/media/telephony-audio';

export const TTS_VOICES = ['fr', 'en'] as const;
export type TtsVoice = (typeof TTS_VOICES)[number];
export const MAX_TTS_TEXT = 500;
const ESPEAK_RATE = 150; // words per minute, the media library's default

export interface TtsRequest {
  text: string;
  voice: TtsVoice;
}

/** Checks the query of GET /api/tts; the error's path names the parameter at fault. */
export function parseTtsQuery(params: URLSearchParams): TtsRequest {
  const text = params.get('text');
  const voice = params.get('voice') ?? 'fr';
  if (text === null || text.trim() === '') throw new ApiError('VALIDATION_FAILED', 'Give the text to speak (text=…)', { path: '/text' });
  if (text.length > MAX_TTS_TEXT) throw new ApiError('VALIDATION_FAILED', `The text is limited to ${MAX_TTS_TEXT} characters (got ${text.length})`, { path: '/text' });
  if (!(TTS_VOICES as readonly string[]).includes(voice)) throw new ApiError('VALIDATION_FAILED', `Unknown voice "${voice}"; use fr or en`, { path: '/voice' });
  return { text, voice: voice as TtsVoice };
}

export function ttsCacheDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.RELAIS_DATA_DIR ?? '.data', 'tts-cache');
}

export const ttsCacheKey = ({ text, voice }: TtsRequest) => createHash('sha256').update(`tts\0${voice}\0${text}`).digest('hex');

const cacheLimits = new Map<string, DiskCacheLimit>();

/** The size cap of a cache folder (one per folder; the folder follows RELAIS_DATA_DIR). */
function cacheLimitFor(dir: string): DiskCacheLimit {
  let limit = cacheLimits.get(dir);
  if (!limit) {
    limit = new DiskCacheLimit({ dir, maxBytes: cacheMaxBytesFromEnv('RELAIS_TTS_CACHE_MAX_MB', 100), pattern: /^tts-[0-9a-f]{64}\.wav$/ });
    cacheLimits.set(dir, limit);
  }
  return limit;
}

/** Concurrent requests for the same text share one synthesis. */
const pending = new Map<string, Promise<Buffer>>();

/** Returns an 8 kHz mono 16-bit WAV of the text (synthesized once, then read from the cache). */
export function synthesizeWav(request: TtsRequest): Promise<Buffer> {
  const dir = ttsCacheDir();
  const target = path.join(/*turbopackIgnore: true*/ dir, `tts-${ttsCacheKey(request)}.wav`);
  const running = pending.get(target);
  if (running) return running;
  const limit = cacheLimitFor(dir);
  const job = readFile(/*turbopackIgnore: true*/ target)
    .then(async (hit) => {
      await limit.touch(target);
      return hit;
    })
    .catch(() =>
      ttsSlots().run(async () => {
        await mkdir(/*turbopackIgnore: true*/ dir, { recursive: true });
        const tmp = path.join(/*turbopackIgnore: true*/ dir, `.tmp-${randomUUID()}.wav`);
        try {
          const wav = telephonyWav(await synthesizeSpeech({ text: request.text, voice: request.voice, rate: ESPEAK_RATE }));
          await writeFile(/*turbopackIgnore: true*/ tmp, wav);
          await rename(/*turbopackIgnore: true*/ tmp, target);
          void limit.afterWrite();
          return wav;
        } finally {
          await rm(/*turbopackIgnore: true*/ tmp, { force: true });
        }
      }),
    )
    .finally(() => pending.delete(target));
  pending.set(target, job);
  return job;
}
