// Text-to-speech for the editor's "Listen" button, the way calls hear it: espeak-ng (text on
// stdin, never on the command line) then sox to 8 kHz mono 16-bit PCM — the same commands as
// flow-runtime/media/prompt-library.ts. Not imported from there: that module pulls the RTP
// server into the admin app's bundle, and its dynamic paths make Next trace the whole project.
// Cached on disk under `<RELAIS_DATA_DIR or .data>/tts-cache/tts-<sha256(voice, text)>.wav`,
// written to a temporary name then renamed, so a half-written file is never served.
import { execFile, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { ApiError } from '@/app/lib/api/errors';

const run = promisify(execFile);

export const TTS_VOICES = ['fr', 'en'] as const;
export type TtsVoice = (typeof TTS_VOICES)[number];
export const MAX_TTS_TEXT = 500;
const ESPEAK_RATE = 150; // words per minute, the media library's default
const TOOL_TIMEOUT_MS = 30_000;

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

/** Concurrent requests for the same text share one synthesis. */
const pending = new Map<string, Promise<Buffer>>();

/** Returns an 8 kHz mono 16-bit WAV of the text (synthesized once, then read from the cache). */
export function synthesizeWav(request: TtsRequest): Promise<Buffer> {
  const dir = ttsCacheDir();
  const target = path.join(/*turbopackIgnore: true*/ dir, `tts-${ttsCacheKey(request)}.wav`);
  const running = pending.get(target);
  if (running) return running;
  const job = readFile(/*turbopackIgnore: true*/ target)
    .catch(async () => {
      await mkdir(/*turbopackIgnore: true*/ dir, { recursive: true });
      const tmp = path.join(/*turbopackIgnore: true*/ dir, `.tmp-${randomUUID()}`);
      try {
        await espeak(request, `${tmp}.espeak.wav`);
        await run('sox', [`${tmp}.espeak.wav`, '-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer', `${tmp}.wav`], { timeout: TOOL_TIMEOUT_MS }).catch((err) => {
          throw new Error(`sox failed (${(err as Error).message}); install sox`);
        });
        await rename(/*turbopackIgnore: true*/ `${tmp}.wav`, target);
        return readFile(/*turbopackIgnore: true*/ target);
      } finally {
        await rm(/*turbopackIgnore: true*/ `${tmp}.espeak.wav`, { force: true });
        await rm(/*turbopackIgnore: true*/ `${tmp}.wav`, { force: true });
      }
    })
    .finally(() => pending.delete(target));
  pending.set(target, job);
  return job;
}

function espeak({ text, voice }: TtsRequest, output: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('espeak-ng', ['-v', voice, '-s', String(ESPEAK_RATE), '-w', output, '--stdin'], { stdio: ['pipe', 'ignore', 'pipe'], timeout: TOOL_TIMEOUT_MS });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', (err) => reject(new Error(`espeak-ng could not start (${err.message}); install espeak-ng`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`espeak-ng failed (exit ${code}): ${stderr.trim()}`))));
    child.stdin.end(text);
  });
}
