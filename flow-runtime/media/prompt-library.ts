// Turns prompt sources into 8 kHz mono PCM16, once, with a disk cache shared by all calls.
//
// - Files: a WAV already in 8 kHz mono PCM16 is read as is; any other WAV or an MP3 is converted
//   in this process (telephony-audio.ts: wavefile, mpg123 in WebAssembly); other formats go to
//   sox or ffmpeg when installed. The result is cached as `<cacheDir>/file-<sha256(path, size, mtime)>.wav`.
// - Text-to-speech: eSpeak NG, the Debian binary when on PATH or its WebAssembly build from npm
//   (speech-engine.ts), resampled to 8 kHz here; cached as `<cacheDir>/tts-<sha256(voice, rate, text)>.wav`.
// - Decoded prompts stay in memory (bounded LRU) with their G.711 encodings computed lazily,
//   so a thousand calls playing one prompt share one buffer.
// - loadOrFallback(): what a live call uses. A prompt that cannot be produced (no engine, a
//   corrupt file…) becomes a short built-in chime, never silence, and the failure is returned
//   so the caller of play() can log it (rtp-endpoint.ts reports it in PlayResult.fallbacks).
// Conversions write a temporary file then rename it: a crash never leaves a half-written
// cache entry, and concurrent requests for the same key share one conversion.
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { wavefile } from './wavefile-module';
import { MediaError, isMediaError, type MediaErrorCode } from './errors';
import { encodeG711, SAMPLE_RATE } from './g711';
import type { CodecName, PromptFallback, PromptSource } from './media-endpoint';
import { synthesizeSpeech } from './speech-engine';
import { telephonyWav, toTelephonyPcm } from './telephony-audio';
import { frenchRingback, holdMelody, promptUnavailableChime, recordBeep, silence } from './tones';

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
/** Failures that mean "this prompt cannot be produced": a live call plays the fallback chime instead. */
const RECOVERABLE: readonly MediaErrorCode[] = [
  'media.tts_failed', 'media.prompt_not_found', 'media.prompt_conversion_failed',
  'media.unsupported_audio', 'media.corrupt_audio', 'media.too_long',
];
let fallbackPrompt: Prompt | null = null;

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

  /**
   * load(), but a prompt that cannot be produced gives the built-in "prompt unavailable" chime
   * and the reason (a live call must never be silent). Invalid arguments still throw: they are bugs.
   */
  async loadOrFallback(source: PromptSource): Promise<{ prompt: Prompt; fallback?: PromptFallback }> {
    try {
      return { prompt: await this.load(source) };
    } catch (err) {
      if (!isMediaError(err) || !RECOVERABLE.includes(err.code)) throw err;
      fallbackPrompt ??= new Prompt(promptUnavailableChime());
      return { prompt: fallbackPrompt, fallback: { kind: source.kind, code: err.code, reason: err.message } };
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
    if (!Object.hasOwn(ESPEAK_VOICES, voice)) throw new MediaError('media.tts_failed', `Unknown TTS voice "${voice}" (use "fr" or "en").`);
    const key = sha256(`tts\0${voice}\0${rate}\0${text}`);
    const target = path.join(this.cacheDir, `tts-${key}.wav`);
    if (await exists(target)) return target;
    await this.withTemp(target, async (tmp) => {
      const pcm = await synthesizeSpeech({ text, voice, rate });
      await writeFile(tmp, telephonyWav(pcm));
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

/**
 * Converts an audio file into an 8 kHz mono PCM16 WAV: WAV and MP3 in this process (no external
 * tool), anything else with sox then ffmpeg when installed.
 */
export async function convertToTelephonyWav(input: string, output: string): Promise<void> {
  const bytes = await readFile(input).catch((err) => {
    throw new MediaError('media.prompt_not_found', `Prompt file not found or unreadable: ${input}`, { cause: err });
  });
  try {
    await writeFile(output, telephonyWav(await toTelephonyPcm(bytes)));
    return;
  } catch (err) {
    // Only a container we do not know goes to the external tools; a broken WAV/MP3 stays an error.
    if (!isMediaError(err, 'media.unsupported_audio') || /^(RIFF|ID3)/.test(bytes.toString('latin1', 0, 4))) throw err;
  }
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

/** Linear-interpolation resampling to 8 kHz (for in-memory samples only; files and TTS use telephony-audio.ts's band-limited resampler). */
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

function run(cmd: string, args: string[], _stdin: null, code: 'media.prompt_conversion_failed'): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: TOOL_TIMEOUT_MS }, (err, _out, stderr) => {
      if (!err) return resolve();
      const why = String(stderr).trim() || err.message;
      reject(new MediaError(code, `${cmd} failed (${why}). WAV and MP3 need no tool; other formats need sox (or ffmpeg). Check the input.`, { cause: err }));
    });
  });
}
