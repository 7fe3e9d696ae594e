// Text-to-speech for the editor's "Listen" button: the same synthesis as calls (espeak-ng then
// sox to 8 kHz mono PCM16, see flow-runtime/media/prompt-library.ts), without a media server.
// Cached on disk under `<RELAIS_DATA_DIR or .data>/tts-cache`, keyed by sha256 of voice and text
// (the media library's key), so a preview heard once costs nothing the next time.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PromptLibrary } from '@/flow-runtime/media';
import { ApiError } from '@/app/lib/api/errors';

export const TTS_VOICES = ['fr', 'en'] as const;
export type TtsVoice = (typeof TTS_VOICES)[number];
export const MAX_TTS_TEXT = 500;

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

let library: PromptLibrary | null = null;

export function ttsCacheDir(): string {
  return path.resolve(process.env.RELAIS_DATA_DIR ?? '.data', 'tts-cache');
}

/** Returns an 8 kHz mono 16-bit WAV of the text (synthesized once, then read from the cache). */
export async function synthesizeWav({ text, voice }: TtsRequest): Promise<Buffer> {
  library ??= new PromptLibrary({ cacheDir: ttsCacheDir(), memoryEntries: 1 });
  const file = await library.synthesize(text, voice);
  return readFile(file);
}
