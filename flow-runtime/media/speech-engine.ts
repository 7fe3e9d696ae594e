// Text-to-speech with eSpeak NG, 8 kHz mono PCM16 out, no sox needed.
// Two engines, same synthesizer and voices:
// - 'binary': Debian's `espeak-ng` (text on stdin, never on the command line, WAV on stdout);
//   about 40 ms for a sentence.
// - 'wasm': the `espeak-ng` npm package (eSpeak NG compiled to WebAssembly), so speech works
//   after `npm install` alone; about 200 ms a sentence, most of it instantiating the module.
// 'auto' (default, RELAIS_TTS_ENGINE unset) takes the binary when it is on PATH, else WASM: the
// binary is 5× faster and follows the distribution's fixes, and prompts are cached on disk
// after their first synthesis, so the engine only matters for the first caller of a text.
// Each WASM synthesis gets a fresh instance (eSpeak's main() is one-shot), and syntheses run one
// at a time, so at most one instance (~60 MB) is alive whatever the number of calls.
// The engine's 22,050 Hz output is resampled here (telephony-audio.ts), not by sox.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { wavefile } from './wavefile-module';
import { MediaError } from './errors';
import { resamplePcm16 } from './telephony-audio';

export type SpeechEngineName = 'binary' | 'wasm';
export type SpeechEngineChoice = SpeechEngineName | 'auto';
export type SpeechVoice = 'fr' | 'en';

const VOICES: Record<SpeechVoice, string> = { fr: 'fr', en: 'en' };
export const MAX_SPEECH_TEXT = 5000;
const TIMEOUT_MS = 30_000;

/** `command` found in a PATH-like list of folders (executable), or null. Reads process.env.PATH by default, at call time. */
export function findCommand(command: string, searchPath = process.env.PATH ?? ''): string | null {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(/*turbopackIgnore: true*/ dir, command);
    try {
      accessSync(/*turbopackIgnore: true*/ candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return null;
}

/** RELAIS_TTS_ENGINE: 'binary', 'wasm' or 'auto' (default); anything else is a clear error. */
export function speechEngineChoice(env: NodeJS.ProcessEnv = process.env): SpeechEngineChoice {
  const v = (env.RELAIS_TTS_ENGINE ?? 'auto').trim() || 'auto';
  if (v === 'auto' || v === 'binary' || v === 'wasm') return v;
  throw new MediaError('media.invalid_argument', `RELAIS_TTS_ENGINE="${v}" is not an engine; use auto, binary or wasm.`);
}

/** The engine a synthesis uses now: the choice, with 'auto' resolved against PATH. */
export function resolveSpeechEngine(choice: SpeechEngineChoice = speechEngineChoice()): SpeechEngineName {
  if (choice !== 'auto') return choice;
  return findCommand('espeak-ng') ? 'binary' : 'wasm';
}

export interface SpeechRequest {
  text: string;
  voice: SpeechVoice;
  /** Words per minute. */
  rate: number;
}

/** Speaks the text; 8 kHz mono PCM16. MediaError media.tts_failed when the engine fails. */
export async function synthesizeSpeech(request: SpeechRequest, engine: SpeechEngineName = resolveSpeechEngine()): Promise<Int16Array> {
  const { text, voice, rate } = request;
  if (!text.trim()) throw new MediaError('media.invalid_argument', 'Text-to-speech needs a non-empty text.');
  // Too long a text or an odd rate cannot be spoken: tts_failed, so a live call plays the fallback chime.
  if (text.length > MAX_SPEECH_TEXT) throw new MediaError('media.tts_failed', `Text-to-speech is limited to ${MAX_SPEECH_TEXT} characters.`);
  if (!Object.hasOwn(VOICES, voice)) throw new MediaError('media.tts_failed', `Unknown TTS voice "${voice}" (use "fr" or "en").`);
  if (!(rate >= 80 && rate <= 450)) throw new MediaError('media.tts_failed', `TTS rate ${rate} is outside 80–450 words per minute.`);
  const args = ['-v', VOICES[voice], '-s', String(Math.round(rate))];
  const wav = engine === 'binary' ? await runBinary(args, text) : await oneAtATime(() => runWasm(args, text));
  return decodeEspeakWav(wav, engine);
}

function decodeEspeakWav(bytes: Uint8Array, engine: SpeechEngineName): Int16Array {
  let wav: InstanceType<typeof wavefile.WaveFile>;
  try {
    wav = new wavefile.WaveFile(bytes);
  } catch (err) {
    throw new MediaError('media.tts_failed', `espeak-ng (${engine}) wrote no readable WAV (${(err as Error).message}).`, { cause: err });
  }
  const fmt = wav.fmt as { audioFormat: number; numChannels: number; sampleRate: number; bitsPerSample: number };
  if (fmt.audioFormat !== 1 || fmt.numChannels !== 1 || fmt.bitsPerSample !== 16) {
    throw new MediaError('media.tts_failed', `espeak-ng (${engine}) wrote an unexpected WAV (${fmt.numChannels} ch, ${fmt.bitsPerSample} bit).`);
  }
  const pcm = wav.getSamples(false, Int16Array) as unknown as Int16Array;
  if (pcm.length === 0) throw new MediaError('media.tts_failed', `espeak-ng (${engine}) produced no audio.`);
  return resamplePcm16(pcm, fmt.sampleRate);
}

// ---- binary --------------------------------------------------------------------------------

/** espeak-ng's WAV on stdout (its header gives a bogus length when piped; wavefile reads the data anyway). */
function runBinary(args: string[], text: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const fail = (why: string, cause?: unknown) =>
      reject(new MediaError('media.tts_failed', `espeak-ng failed (${why}). Install espeak-ng, or set RELAIS_TTS_ENGINE=wasm.`, { cause }));
    const child = spawn('espeak-ng', [...args, '--stdout', '--stdin'], { stdio: ['pipe', 'pipe', 'pipe'], timeout: TIMEOUT_MS });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.on('error', () => undefined); // EPIPE when it died early: 'close' tells why
    child.on('error', (err) => fail(err.message, err));
    child.on('close', (status, signal) => (status === 0 ? resolve(fixStreamedWav(Buffer.concat(out))) : fail(stderr.trim() || `exit ${status ?? signal}`)));
    child.stdin.end(text);
  });
}

/** A WAV written to a pipe has 0xFFFFFFFF-ish sizes; set the RIFF and data sizes from the bytes we got. */
function fixStreamedWav(buf: Buffer): Buffer {
  if (buf.length < 44 || buf.toString('ascii', 0, 4) !== 'RIFF') return buf;
  buf.writeUInt32LE(buf.length - 8, 4);
  let at = 12;
  while (at + 8 <= buf.length) {
    const id = buf.toString('ascii', at, at + 4);
    if (id === 'data') {
      buf.writeUInt32LE(buf.length - at - 8, at + 4);
      break;
    }
    at += 8 + buf.readUInt32LE(at + 4);
  }
  return buf;
}

// ---- WebAssembly ---------------------------------------------------------------------------

type EspeakFactory = (typeof import('espeak-ng'))['default'];
type EspeakModule = Awaited<ReturnType<EspeakFactory>>;

let factory: Promise<EspeakFactory> | null = null;
let queue: Promise<unknown> = Promise.resolve();

/** Runs syntheses one after the other: one WebAssembly instance alive at a time. */
function oneAtATime<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
}

/** One run of the WebAssembly eSpeak NG with these options; the WAV it wrote. Exported for tests. */
export async function runWasm(args: string[], text: string): Promise<Uint8Array> {
  factory ??= import('espeak-ng').then((m) => m.default);
  const create = await factory;
  const errors: string[] = [];
  let status = 0;
  let module: EspeakModule;
  try {
    module = await create({
      // The text is an argument here (there is no stdin), but of the in-memory module: no shell, no process.
      arguments: [...args, '-w', '/out.wav', '--', text],
      print: () => undefined,
      printErr: (line: string) => errors.push(line),
      // Emscripten's default quit() sets process.exitCode: keep a failed synthesis from marking
      // the whole runtime as failed. It must still throw to unwind eSpeak's main().
      quit: (code: number, toThrow: unknown) => {
        status = code;
        throw toThrow;
      },
    });
  } catch (err) {
    throw new MediaError('media.tts_failed', `espeak-ng (WebAssembly) could not start: ${(err as Error)?.message ?? String(err)}`, { cause: err });
  }
  try {
    return module.FS.readFile('/out.wav');
  } catch (err) {
    const why = errors.find((l) => !l.startsWith('program exited')) ?? (status ? `exit ${status}` : 'no output');
    throw new MediaError('media.tts_failed', `espeak-ng (WebAssembly) failed: ${why}`, { cause: err });
  }
}
