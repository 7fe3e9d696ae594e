// Turns prompt sources into 8 kHz mono PCM16, once, with a disk cache shared by all calls.
//
// - Files: a WAV already in 8 kHz mono PCM16 is read as is; anything else is converted with
//   sox (ffmpeg as a fallback, e.g. for MP3 when sox lacks the format) into
//   `<cacheDir>/file-<sha256(path, size, mtime)>.wav`.
// - Text-to-speech: espeak-ng (text on stdin, never on the command line) then sox to 8 kHz,
//   cached as `<cacheDir>/tts-<sha256(voice, rate, text)>.wav`.
// - Decoded prompts stay in memory (bounded LRU) with their G.711 encodings computed lazily,
//   so a thousand calls playing one prompt share one buffer.
// Conversions write a temporary file then rename it: a crash never leaves a half-written
// cache entry, and concurrent requests for the same key share one conversion.
import { execFile, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import wavefile from 'wavefile';
import { MediaError } from './errors';
import { encodeG711, SAMPLE_RATE } from './g711';
import type { CodecName, PromptSource } from './media-endpoint';
import { frenchRingback, holdMelody, recordBeep, silence } from './tones';

/** A decoded prompt: 8 kHz mono PCM16, with cached G.711 encodings. */
export class Prompt {
  private encoded: Partial<Record<CodecName, Uint8Array>> = {};
  constructor(readonly pcm: Int16Array) {}

  get durationMs(): number {
    return (this.pcm.length * 1000) / SAMPLE_RATE;
  }

  encode(codec: CodecName): Uint8Array {
    return (this.encoded[codec] ??= encodeG711(codec, this.pcm));
  }
}

export interface PromptLibraryOptions {
  /** Disk cache of converted files and TTS output. Default `.data/media-cache`. */
  cacheDir?: string;
  /** Decoded prompts kept in memory. Default 200. */
  memoryEntries?: number;
  /** espeak-ng speed in words per minute when a TTS source gives none. Default 150. */
  defaultTtsRate?: number;
}

const ESPEAK_VOICES: Record<'fr' | 'en', string> = { fr: 'fr', en: 'en' };
const TOOL_TIMEOUT_MS = 30_000;

export class PromptLibrary {
  readonly cacheDir: string;
  private readonly memory = new Map<string, Promise<Prompt>>();
  private readonly memoryEntries: number;
  private readonly defaultTtsRate: number;

  constructor(options: PromptLibraryOptions = {}) {
    this.cacheDir = path.resolve(options.cacheDir ?? '.data/media-cache');
    this.memoryEntries = options.memoryEntries ?? 200;
    this.defaultTtsRate = options.defaultTtsRate ?? 150;
  }

  /** Resolves a source to a decoded prompt (converting and caching as needed). */
  async load(source: PromptSource): Promise<Prompt> {
    switch (source.kind) {
      case 'samples':
        return new Prompt(resample(source.samples, source.sampleRate ?? SAMPLE_RATE));
      case 'silence':
        if (!(source.ms >= 0)) throw new MediaError('media.invalid_argument', `A silence needs ms ≥ 0, got ${source.ms}.`);
        return new Prompt(silence(source.ms));
      case 'tone':
        return new Prompt(source.tone === 'ringback' ? frenchRingback() : source.tone === 'hold' ? holdMelody() : recordBeep());
      case 'file':
        return this.loadFile(source.path);
      case 'tts':
        return this.loadTts(source.text, source.voice, source.rate ?? this.defaultTtsRate);
      default:
        throw new MediaError('media.invalid_argument', `Unknown prompt kind: ${(source as { kind: string }).kind}.`);
    }
  }

  /** Converts a file to an 8 kHz mono PCM16 WAV in the cache and returns the cached path (for uploads). */
  async convertFile(file: string): Promise<string> {
    const info = await stat(file).catch((err) => {
      throw new MediaError('media.prompt_not_found', `Prompt file not found: ${file}`, { cause: err });
    });
    const key = sha256(`file\0${path.resolve(file)}\0${info.size}\0${info.mtimeMs}`);
    const target = path.join(this.cacheDir, `file-${key}.wav`);
    if (await exists(target)) return target;
    await this.withTemp(target, (tmp) => convertToTelephonyWav(file, tmp));
    return target;
  }

  /** Synthesizes text to an 8 kHz WAV in the cache and returns its path. */
  async synthesize(text: string, voice: 'fr' | 'en', rate = this.defaultTtsRate): Promise<string> {
    if (!text.trim()) throw new MediaError('media.invalid_argument', 'Text-to-speech needs a non-empty text.');
    if (!(voice in ESPEAK_VOICES)) throw new MediaError('media.invalid_argument', `Unknown TTS voice "${voice}" (use "fr" or "en").`);
    const key = sha256(`tts\0${voice}\0${rate}\0${text}`);
    const target = path.join(this.cacheDir, `tts-${key}.wav`);
    if (await exists(target)) return target;
    await this.withTemp(target, async (tmp) => {
      const raw = `${tmp}.espeak.wav`;
      try {
        await run('espeak-ng', ['-v', ESPEAK_VOICES[voice], '-s', String(rate), '-w', raw, '--stdin'], text, 'media.tts_failed');
        await convertToTelephonyWav(raw, tmp);
      } finally {
        await rm(raw, { force: true });
      }
    });
    return target;
  }

  private loadFile(file: string): Promise<Prompt> {
    return this.remember(`file:${path.resolve(file)}`, async () => {
      const buf = await readFile(file).catch((err) => {
        throw new MediaError('media.prompt_not_found', `Prompt file not found or unreadable: ${file}`, { cause: err });
      });
      const direct = readTelephonyWav(buf);
      if (direct) return new Prompt(direct);
      const converted = await this.convertFile(file);
      const pcm = readTelephonyWav(await readFile(converted));
      if (!pcm) throw new MediaError('media.prompt_conversion_failed', `Converted prompt ${converted} is not 8 kHz mono PCM16.`);
      return new Prompt(pcm);
    });
  }

  private loadTts(text: string, voice: 'fr' | 'en', rate: number): Promise<Prompt> {
    return this.remember(`tts:${voice}:${rate}:${text}`, async () => {
      const file = await this.synthesize(text, voice, rate);
      const pcm = readTelephonyWav(await readFile(file));
      if (!pcm) throw new MediaError('media.tts_failed', `Synthesized prompt ${file} is not 8 kHz mono PCM16.`);
      return new Prompt(pcm);
    });
  }

  /** Memoizes a load (LRU); failures are not cached. A file is keyed by path: give changed sounds new names. */
  private remember(key: string, load: () => Promise<Prompt>): Promise<Prompt> {
    const hit = this.memory.get(key);
    if (hit) {
      this.memory.delete(key);
      this.memory.set(key, hit);
      return hit;
    }
    const p = load();
    this.memory.set(key, p);
    p.catch(() => this.memory.delete(key));
    while (this.memory.size > this.memoryEntries) this.memory.delete(this.memory.keys().next().value!);
    return p;
  }

  private inflight = new Map<string, Promise<void>>();
  private async withTemp(target: string, produce: (tmp: string) => Promise<void>): Promise<void> {
    const running = this.inflight.get(target);
    if (running) return running;
    const job = (async () => {
      await mkdir(this.cacheDir, { recursive: true });
      const tmp = `${target}.${process.pid}.${randomUUID()}.tmp.wav`;
      try {
        await produce(tmp);
        await rename(tmp, target);
      } finally {
        await rm(tmp, { force: true });
      }
    })();
    this.inflight.set(target, job);
    try {
      await job;
    } finally {
      this.inflight.delete(target);
    }
  }
}

/** Converts any audio file sox (or ffmpeg) can read into an 8 kHz mono PCM16 WAV. */
export async function convertToTelephonyWav(input: string, output: string): Promise<void> {
  try {
    await run('sox', ['-V1', input, '-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer', output], null, 'media.prompt_conversion_failed');
  } catch (soxError) {
    try {
      await run('ffmpeg', ['-nostdin', '-loglevel', 'error', '-y', '-i', input, '-ar', '8000', '-ac', '1', '-c:a', 'pcm_s16le', '-f', 'wav', output], null, 'media.prompt_conversion_failed');
    } catch {
      throw soxError;
    }
  }
}

/** The samples of an 8 kHz mono PCM16 WAV; null for any other format. */
export function readTelephonyWav(buf: Buffer): Int16Array | null {
  let wav: InstanceType<typeof wavefile.WaveFile>;
  try {
    wav = new wavefile.WaveFile(buf);
  } catch {
    return null;
  }
  const fmt = wav.fmt as { audioFormat: number; numChannels: number; sampleRate: number; bitsPerSample: number };
  if (fmt.audioFormat !== 1 || fmt.numChannels !== 1 || fmt.sampleRate !== SAMPLE_RATE || fmt.bitsPerSample !== 16) return null;
  return wav.getSamples(false, Int16Array) as unknown as Int16Array;
}

/** Linear-interpolation resampling to 8 kHz (for in-memory samples only; files go through sox). */
export function resample(samples: Int16Array, fromRate: number): Int16Array {
  if (fromRate === SAMPLE_RATE) return samples;
  if (!(fromRate > 0)) throw new MediaError('media.invalid_argument', `Invalid sample rate ${fromRate}.`);
  const ratio = fromRate / SAMPLE_RATE;
  const out = new Int16Array(Math.floor(samples.length / ratio));
  for (let i = 0; i < out.length; i++) {
    const x = i * ratio;
    const j = Math.floor(x);
    const f = x - j;
    const a = samples[j];
    const b = samples[Math.min(j + 1, samples.length - 1)];
    out[i] = Math.round(a + (b - a) * f);
  }
  return out;
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

function run(cmd: string, args: string[], stdin: string | null, code: 'media.tts_failed' | 'media.prompt_conversion_failed'): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (why: string, cause?: unknown): void =>
      reject(new MediaError(code, `${cmd} failed (${why}). ${cmd === 'espeak-ng' ? 'Install espeak-ng' : 'Install sox (or ffmpeg)'} or check the input.`, { cause }));
    if (stdin === null) {
      execFile(cmd, args, { timeout: TOOL_TIMEOUT_MS }, (err, _out, stderr) => (err ? fail(String(stderr).trim() || err.message, err) : resolve()));
      return;
    }
    const child = spawn(cmd, args, { stdio: ['pipe', 'ignore', 'pipe'], timeout: TOOL_TIMEOUT_MS });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (err) => fail(err.message, err));
    child.on('close', (status) => (status === 0 ? resolve() : fail(stderr.trim() || `exit ${status}`)));
    child.stdin.end(stdin);
  });
}
