// Audio in any common WAV or MP3 form → 8 kHz mono PCM16, in this process, with no sox/ffmpeg.
// Used for uploaded sounds (app/lib/sounds/convert-audio.ts), prompt files and espeak-ng output
// (prompt-library.ts, speech-engine.ts). Self-contained on purpose (node builtins, wavefile,
// mpg123-decoder only): the admin app imports it without pulling the RTP server in.
//
// - WAV: parsed by wavefile (RIFF chunks, fmt); samples decoded here block by block: PCM
//   unsigned 8 / signed 16, 24, 32 bit, IEEE float 32/64, A-law, µ-law, WAVE_FORMAT_EXTENSIBLE,
//   any rate and channel count (channels averaged).
// - MP3 (MPEG layer I/II/III): mpg123 compiled to WebAssembly, fed 64 KiB at a time.
// - Resampling: windowed-sinc low-pass (Blackman, cut at 0.45 × the lower rate) from a
//   precomputed table, streaming, so memory is bounded by the 8 kHz output and not by the
//   decoded input. Linear in the input length.
import { wavefile } from './wavefile-module';
import { MediaError } from './errors';

export const TELEPHONY_RATE = 8000;
/** Longest audio converted; beyond it the caller gets media.too_long (an upload of 20 MB MP3 is ~20 min at 128 kbit/s). */
export const MAX_AUDIO_SECONDS = 30 * 60;

export type AudioContainer = 'wav' | 'mp3';

export function detectAudioContainer(data: Uint8Array): AudioContainer | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...data.subarray(from, to));
  if (data.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'wav';
  if (data.length >= 3 && ascii(0, 3) === 'ID3') return 'mp3';
  if (data.length >= 2 && data[0] === 0xff && (data[1] & 0xe0) === 0xe0) return 'mp3';
  return null;
}

/** Converts a WAV or MP3 file's bytes; MediaError media.unsupported_audio / media.corrupt_audio / media.too_long otherwise. */
export async function toTelephonyPcm(data: Uint8Array, options: { maxSeconds?: number } = {}): Promise<Int16Array> {
  const container = detectAudioContainer(data);
  const maxSeconds = options.maxSeconds ?? MAX_AUDIO_SECONDS;
  if (container === 'wav') return wavToTelephonyPcm(data, maxSeconds);
  if (container === 'mp3') return mp3ToTelephonyPcm(data, maxSeconds);
  throw new MediaError('media.unsupported_audio', 'The file is neither WAV nor MP3.');
}

// ---- WAV ---------------------------------------------------------------------------------

const WAVE_FORMAT = { PCM: 1, FLOAT: 3, ALAW: 6, MULAW: 7, EXTENSIBLE: 0xfffe } as const;
const FRAMES_PER_BLOCK = 16_384;

/** Async only to yield to the event loop between blocks: a long upload never stalls the admin's other requests. */
export async function wavToTelephonyPcm(data: Uint8Array, maxSeconds = MAX_AUDIO_SECONDS): Promise<Int16Array> {
  let wav: InstanceType<typeof wavefile.WaveFile>;
  try {
    wav = new wavefile.WaveFile(data);
  } catch (err) {
    throw new MediaError('media.corrupt_audio', `The WAV file could not be read (${(err as Error).message}).`, { cause: err });
  }
  const fmt = wav.fmt as { audioFormat: number; numChannels: number; sampleRate: number; bitsPerSample: number; subformat?: number[] };
  const samples = (wav.data as { samples: Uint8Array }).samples;
  let format = fmt.audioFormat;
  if (format === WAVE_FORMAT.EXTENSIBLE) format = (fmt.subformat?.[0] ?? 0) & 0xffff;
  const channels = fmt.numChannels;
  const bits = fmt.bitsPerSample;
  const rate = fmt.sampleRate;
  if (!(channels >= 1 && channels <= 32) || !(rate >= 1000 && rate <= 384_000)) {
    throw new MediaError('media.corrupt_audio', `The WAV header is not plausible (${channels} channels, ${rate} Hz).`);
  }
  const read = sampleReader(format, bits);
  if (!read) throw new MediaError('media.unsupported_audio', `WAV encoding not supported (format ${fmt.audioFormat}, ${bits} bits); use PCM, float, A-law or µ-law.`);
  const bytesPerSample = bits / 8;
  const frameBytes = bytesPerSample * channels;
  const frames = Math.floor(samples.length / frameBytes);
  if (frames === 0) throw new MediaError('media.corrupt_audio', 'The WAV file holds no audio.');
  if (frames / rate > maxSeconds) throw new MediaError('media.too_long', `The audio lasts ${Math.round(frames / rate)} s; the limit is ${maxSeconds} s.`);
  const view = new DataView(samples.buffer, samples.byteOffset, samples.byteLength);
  const resampler = new Resampler(rate);
  const block = new Float32Array(Math.min(FRAMES_PER_BLOCK, frames));
  for (let start = 0; start < frames; start += FRAMES_PER_BLOCK) {
    const n = Math.min(FRAMES_PER_BLOCK, frames - start);
    for (let f = 0; f < n; f++) {
      let sum = 0;
      const base = (start + f) * frameBytes;
      for (let c = 0; c < channels; c++) sum += read(view, base + c * bytesPerSample);
      block[f] = sum / channels;
    }
    resampler.push(block.subarray(0, n));
    if (start + FRAMES_PER_BLOCK < frames) await yieldToEventLoop();
  }
  return resampler.finish();
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

type SampleReader = (view: DataView, offset: number) => number;

/** A reader giving one sample in [-1, 1], or null for an encoding we do not decode. */
function sampleReader(format: number, bits: number): SampleReader | null {
  if (format === WAVE_FORMAT.PCM) {
    if (bits === 8) return (v, o) => (v.getUint8(o) - 128) / 128;
    if (bits === 16) return (v, o) => v.getInt16(o, true) / 32768;
    if (bits === 24) return (v, o) => (((v.getUint8(o + 2) << 24) | (v.getUint8(o + 1) << 16) | (v.getUint8(o) << 8)) >> 8) / 8388608;
    if (bits === 32) return (v, o) => v.getInt32(o, true) / 2147483648;
  }
  if (format === WAVE_FORMAT.FLOAT) {
    if (bits === 32) return (v, o) => clamp(v.getFloat32(o, true));
    if (bits === 64) return (v, o) => clamp(v.getFloat64(o, true));
  }
  if ((format === WAVE_FORMAT.ALAW || format === WAVE_FORMAT.MULAW) && bits === 8) {
    const table = format === WAVE_FORMAT.ALAW ? ALAW : MULAW;
    return (v, o) => table[v.getUint8(o)];
  }
  return null;
}

const clamp = (x: number) => (x > 1 ? 1 : x < -1 ? -1 : Number.isNaN(x) ? 0 : x);

/** G.711 decode tables (ITU-T G.711), as floats in [-1, 1]. */
const ALAW = new Float32Array(256);
const MULAW = new Float32Array(256);
for (let i = 0; i < 256; i++) {
  const a = i ^ 0x55;
  const seg = (a & 0x70) >> 4;
  let t = (a & 0x0f) << 4;
  t = seg === 0 ? t + 8 : seg === 1 ? t + 0x108 : (t + 0x108) << (seg - 1);
  ALAW[i] = (a & 0x80 ? t : -t) / 32768;
  const u = ~i & 0xff;
  let m = ((u & 0x0f) << 3) + 0x84;
  m <<= (u & 0x70) >> 4;
  MULAW[i] = (u & 0x80 ? 0x84 - m : m - 0x84) / 32768;
}

// ---- MP3 ---------------------------------------------------------------------------------

const MP3_CHUNK = 64 * 1024;

export async function mp3ToTelephonyPcm(data: Uint8Array, maxSeconds = MAX_AUDIO_SECONDS): Promise<Int16Array> {
  const { MPEGDecoder } = await import('mpg123-decoder');
  const decoder = new MPEGDecoder();
  await decoder.ready;
  try {
    let resampler: Resampler | null = null;
    let frames = 0;
    let errors = 0;
    for (let at = 0; at < data.length; at += MP3_CHUNK) {
      const out = decoder.decode(data.subarray(at, at + MP3_CHUNK));
      errors += out.errors.length;
      if (out.samplesDecoded === 0) continue;
      if (!resampler) resampler = new Resampler(out.sampleRate);
      else if (out.sampleRate !== resampler.fromRate) throw new MediaError('media.corrupt_audio', 'The MP3 changes sample rate midway.');
      frames += out.samplesDecoded;
      if (frames / out.sampleRate > maxSeconds) throw new MediaError('media.too_long', `The audio lasts more than ${maxSeconds} s.`);
      resampler.push(mixDown(out.channelData, out.samplesDecoded));
      await yieldToEventLoop();
    }
    // A file that only starts like an MP3 decodes to nothing (or to noise made of errors).
    if (!resampler || frames < 0.05 * resampler.fromRate) throw new MediaError('media.corrupt_audio', `The MP3 file holds no decodable audio${errors ? ` (${errors} decode errors)` : ''}.`);
    return resampler.finish();
  } finally {
    decoder.free();
  }
}

function mixDown(channels: Float32Array[], n: number): Float32Array {
  if (channels.length === 1) return channels[0].subarray(0, n);
  const out = new Float32Array(n);
  for (const ch of channels) for (let i = 0; i < n; i++) out[i] += ch[i];
  for (let i = 0; i < n; i++) out[i] /= channels.length;
  return out;
}

// ---- resampling ----------------------------------------------------------------------------

const ZERO_CROSSINGS = 8; // half-width of the kernel, in zero crossings of the sinc
const TABLE_STEPS = 512; // kernel samples per zero crossing (linear interpolation between)
const KERNEL = (() => {
  const n = ZERO_CROSSINGS * TABLE_STEPS;
  // Zero beyond the window (two more zero crossings): a window's edge taps may index past n
  // (the half-width is rounded up), and the inner loop then needs no bounds check.
  const k = new Float32Array(n + 2 * TABLE_STEPS + 2);
  for (let i = 0; i <= n; i++) {
    const x = i / TABLE_STEPS; // in zero crossings
    const sinc = i === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    const w = 0.42 + 0.5 * Math.cos((Math.PI * x) / ZERO_CROSSINGS) + 0.08 * Math.cos((2 * Math.PI * x) / ZERO_CROSSINGS); // Blackman
    k[i] = sinc * w;
  }
  return k;
})();

/** Streaming band-limited resampler from `fromRate` to 8 kHz; push() float blocks, finish() once. */
export class Resampler {
  private buf = new Float32Array(0); // pending input, history included
  private t = 0; // position of the next output sample, in input samples from buf[0]
  private readonly step: number; // input samples per output sample
  private readonly cutoff: number; // in cycles per input sample × 2 (1 = Nyquist of the input)
  private readonly halfWidth: number; // kernel half-width in input samples
  private out: Int16Array;
  private produced = 0;
  private consumed = 0; // input samples pushed, padding excluded

  constructor(readonly fromRate: number, readonly toRate = TELEPHONY_RATE) {
    this.step = fromRate / toRate;
    this.cutoff = Math.min(1, toRate / fromRate) * 0.9; // 0.45 × the lower rate: 3.6 kHz at 8 kHz
    this.halfWidth = Math.ceil(ZERO_CROSSINGS / this.cutoff);
    this.out = new Int16Array(4096);
    this.t = 0;
  }

  push(input: Float32Array): void {
    this.consumed += input.length;
    if (this.fromRate === this.toRate) {
      // Already at the line's rate: copied as is, never filtered.
      for (let i = 0; i < input.length; i++) this.emit(input[i]);
      return;
    }
    this.append(input);
  }

  private append(input: Float32Array): void {
    const joined = new Float32Array(this.buf.length + input.length);
    joined.set(this.buf);
    joined.set(input, this.buf.length);
    this.buf = joined;
    this.drain(false);
  }

  finish(): Int16Array {
    if (this.fromRate === this.toRate) return this.out.slice(0, this.produced);
    // Pad with silence so the last samples get a full window.
    this.append(new Float32Array(this.halfWidth + 1));
    this.drain(true);
    return this.out.slice(0, Math.min(this.produced, Math.ceil(this.consumed / this.step)));
  }

  private drain(final: boolean): void {
    const buf = this.buf;
    const hw = this.halfWidth;
    const c = this.cutoff;
    const scale = c * TABLE_STEPS;
    while (Math.floor(this.t) + hw < buf.length) {
      const center = this.t;
      const i0 = Math.max(0, Math.ceil(center - hw));
      const i1 = Math.min(buf.length - 1, Math.floor(center + hw));
      // Table position of each tap: falls by `scale` per input sample up to the centre, then rises.
      let acc = 0;
      let i = i0;
      let pos = (center - i0) * scale;
      for (; i <= i1 && pos > 0; i++, pos -= scale) {
        const j = pos | 0;
        acc += buf[i] * (KERNEL[j] + (KERNEL[j + 1] - KERNEL[j]) * (pos - j));
      }
      for (pos = -pos; i <= i1; i++, pos += scale) {
        const j = pos | 0;
        acc += buf[i] * (KERNEL[j] + (KERNEL[j + 1] - KERNEL[j]) * (pos - j));
      }
      this.emit(acc * c);
      this.t += this.step;
    }
    if (final) return;
    // Keep what the next outputs still need (their windows start at t - halfWidth).
    const keepFrom = Math.max(0, Math.floor(this.t) - hw - 1);
    if (keepFrom > 0) {
      this.buf = buf.slice(keepFrom);
      this.t -= keepFrom;
    }
  }

  private emit(x: number): void {
    if (this.produced === this.out.length) {
      const bigger = new Int16Array(this.out.length * 2);
      bigger.set(this.out);
      this.out = bigger;
    }
    const s = Math.round(x * 32768); // the inverse of the readers' /32768: an 8 kHz PCM16 file comes back bit for bit
    this.out[this.produced++] = s > 32767 ? 32767 : s < -32768 ? -32768 : s;
  }
}

/** One-shot resampling of PCM16 (e.g. espeak-ng's 22,050 Hz output) to 8 kHz. */
export function resamplePcm16(samples: Int16Array, fromRate: number): Int16Array {
  if (fromRate === TELEPHONY_RATE) return samples;
  const r = new Resampler(fromRate);
  const f = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) f[i] = samples[i] / 32768;
  r.push(f);
  return r.finish();
}

/** An 8 kHz mono PCM16 WAV file of the samples. */
export function telephonyWav(pcm: Int16Array): Buffer {
  const wav = new wavefile.WaveFile();
  wav.fromScratch(1, TELEPHONY_RATE, '16', pcm);
  return Buffer.from(wav.toBuffer());
}
