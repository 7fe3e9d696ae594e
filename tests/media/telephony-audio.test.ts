// Audio conversion and speech with no system tool (issue 11, finding 8): uploads of WAV in any
// rate / channels / bit depth and of MP3 become playable 8 kHz mono sounds in this process, the
// resampler filters what telephony cannot carry, and eSpeak NG's WebAssembly build speaks the
// same audio as the Debian binary. WAV inputs are generated here with wavefile; the MP3 is
// tests/fixtures/audio/bienvenue-44k-stereo.mp3 (7 KB: "Bienvenue chez Relais." by espeak-ng,
// encoded once with Debian's sox 14.4.2 at 44.1 kHz stereo 48 kbit/s).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import wavefile from 'wavefile';
import { convertToTelephonyWav } from '@/app/lib/sounds/convert-audio';
import { ApiError } from '@/app/lib/api/errors';
import { readTelephonyWav } from '@/flow-runtime/media/prompt-library';
import { findCommand, runWasm, synthesizeSpeech } from '@/flow-runtime/media/speech-engine';
import { toTelephonyPcm } from '@/flow-runtime/media/telephony-audio';
import { bestCorrelation } from './support/rtp-peer';
import { toneShare } from './support/tones';

const MP3 = readFileSync(path.resolve(import.meta.dirname, '../fixtures/audio/bienvenue-44k-stereo.mp3'));

/** A sine as a WAV of the given rate, channels and wavefile bit depth ('8', '16', '24', '32', '32f'). */
function sineWav(freq: number, seconds: number, rate: number, channels: number, bitDepth: string): Buffer {
  const n = Math.round(seconds * rate);
  const float = bitDepth === '32f';
  const bits = float ? 32 : Number(bitDepth);
  const full = float ? 1 : 2 ** (bits - 1) - 1;
  const chans = Array.from({ length: channels }, () => {
    const out = float ? new Float64Array(n) : new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const x = 0.5 * Math.sin((2 * Math.PI * freq * i) / rate);
      out[i] = float ? x : bits === 8 ? Math.round(128 + x * 127) : Math.round(x * full);
    }
    return out;
  });
  const wav = new wavefile.WaveFile();
  wav.fromScratch(channels, rate, bitDepth, channels === 1 ? chans[0] : chans);
  return Buffer.from(wav.toBuffer());
}

const rms = (pcm: Int16Array) => Math.sqrt(pcm.reduce((s, x) => s + x * x, 0) / Math.max(1, pcm.length));

describe('sound upload conversion without sox', () => {
  it('stores a 44.1 kHz stereo 16-bit WAV as a playable 8 kHz mono WAV of the same length and pitch', async () => {
    const stored = await convertToTelephonyWav(sineWav(440, 1.5, 44100, 2, '16'));
    const pcm = readTelephonyWav(stored.data); // what the runtime plays (null if not 8 kHz mono PCM16)
    expect(pcm).not.toBeNull();
    expect(stored.durationMs).toBeGreaterThanOrEqual(1490);
    expect(stored.durationMs).toBeLessThanOrEqual(1510);
    expect(toneShare(pcm!, 440)).toBeGreaterThan(0.95);
    expect(rms(pcm!)).toBeGreaterThan(0.5 * 32767 * 0.7 * 0.95); // 0.5 full scale sine: RMS ≈ 0.35
  });

  it.each([
    ['8-bit 11.025 kHz mono', 11025, 1, '8'],
    ['24-bit 48 kHz stereo', 48000, 2, '24'],
    ['32-bit 96 kHz 6 channels', 96000, 6, '32'],
    ['float 32 22.05 kHz stereo', 22050, 2, '32f'],
    ['16-bit 8 kHz mono (kept)', 8000, 1, '16'],
  ])('converts a %s WAV', async (_name, rate, channels, depth) => {
    const stored = await convertToTelephonyWav(sineWav(1000, 0.5, rate as number, channels as number, depth as string));
    const pcm = readTelephonyWav(stored.data)!;
    expect(pcm.length).toBeGreaterThanOrEqual(3990);
    expect(pcm.length).toBeLessThanOrEqual(4010);
    expect(toneShare(pcm, 1000)).toBeGreaterThan(0.95);
  });

  it('keeps an 8 kHz mono 16-bit WAV sample for sample', async () => {
    const wav = sineWav(3900, 0.3, 8000, 1, '16');
    // Full scale too: the first two samples (data starts at byte 44) set to the extremes.
    wav.writeInt16LE(32767, 44);
    wav.writeInt16LE(-32768, 46);
    const original = new wavefile.WaveFile(wav).getSamples(false, Int16Array) as unknown as Int16Array;
    const stored = readTelephonyWav((await convertToTelephonyWav(wav)).data)!;
    expect(Array.from(stored)).toEqual(Array.from(original));
  });

  it('filters what an 8 kHz line cannot carry: a 5 kHz tone at 44.1 kHz does not fold back to 3 kHz', async () => {
    const pcm = await toTelephonyPcm(sineWav(5000, 0.5, 44100, 1, '16'));
    expect(rms(pcm)).toBeLessThan(0.01 * 32767); // -40 dB or better (linear interpolation kept ~all of it, as 3 kHz)
  });

  it('stores an MP3 (44.1 kHz stereo) as a playable 8 kHz mono WAV, in well under a second', async () => {
    const t0 = performance.now();
    const stored = await convertToTelephonyWav(MP3);
    const ms = performance.now() - t0;
    console.log(`MP3 1.2 s 44.1 kHz stereo → 8 kHz WAV: ${ms.toFixed(0)} ms (decoder instantiation included)`);
    const pcm = readTelephonyWav(stored.data)!;
    expect(pcm).not.toBeNull();
    expect(stored.durationMs).toBeGreaterThan(1100); // the fixture lasts 1.18 s (+ encoder padding)
    expect(stored.durationMs).toBeLessThan(1300);
    expect(rms(pcm)).toBeGreaterThan(1000); // speech, not silence
    expect(ms).toBeLessThan(5000);
  });

  it('lets other work run while a long file converts (the admin keeps answering during an upload)', async () => {
    const long = sineWav(440, 20, 44100, 2, '16'); // 3.5 MB
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      const pcm = await toTelephonyPcm(long);
      expect(pcm.length).toBe(20 * 8000);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0); // a conversion in one synchronous go would leave it at 0
  });

  it('refuses other formats, damaged files and files too long with a clear 415 / 413 and a translatable code', async () => {
    const cases: Array<[Buffer, string, number]> = [
      [Buffer.from('OggS\0\0\0\0 not audio we take'), 'sound.unsupportedFormat', 415],
      [(() => { const b = sineWav(440, 0.2, 8000, 1, '16'); b.writeUInt16LE(17, 20); return b; })(), 'sound.unsupportedFormat', 415], // IMA ADPCM
      [Buffer.concat([Buffer.from('RIFF\x10\0\0\0WAVEfmt ', 'latin1'), Buffer.alloc(4)]), 'sound.corrupt', 415],
      [Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x00]), Buffer.alloc(2000, 0x11)]), 'sound.corrupt', 415],
      [sineWav(440, 0.2, 8000, 1, '16').fill(0, 44).subarray(0, 44), 'sound.corrupt', 415], // header only
    ];
    for (const [file, code, status] of cases) {
      const err = await convertToTelephonyWav(file).then(() => null, (e: unknown) => e);
      expect(err, code).toBeInstanceOf(ApiError);
      expect((err as ApiError).status).toBe(status);
      expect((err as ApiError).problems?.[0]).toMatchObject({ code, path: '/file' });
    }
    const long = await toTelephonyPcm(sineWav(440, 3, 8000, 1, '16'), { maxSeconds: 2 }).then(() => null, (e: unknown) => e);
    expect(long).toMatchObject({ code: 'media.too_long' });
  });
});

describe('text-to-speech without the espeak-ng binary', () => {
  const TEXT = 'Bienvenue chez Relais, la démonstration de serveur vocal.';

  it('speaks French with the WebAssembly build: 8 kHz speech of a plausible length', async () => {
    const t0 = performance.now();
    const pcm = await synthesizeSpeech({ text: TEXT, voice: 'fr', rate: 150 }, 'wasm');
    console.log(`TTS WASM, ${(pcm.length / 8000).toFixed(1)} s of speech: ${(performance.now() - t0).toFixed(0)} ms`);
    expect(pcm.length / 8000).toBeGreaterThan(2);
    expect(pcm.length / 8000).toBeLessThan(8);
    expect(rms(pcm)).toBeGreaterThan(1000);
  });

  it.runIf(findCommand('espeak-ng'))('the binary (when installed) and the WebAssembly build say the same thing', async () => {
    const t0 = performance.now();
    const binary = await synthesizeSpeech({ text: TEXT, voice: 'fr', rate: 150 }, 'binary');
    console.log(`TTS binary: ${(performance.now() - t0).toFixed(0)} ms`);
    const wasm = await synthesizeSpeech({ text: TEXT, voice: 'fr', rate: 150 }, 'wasm');
    expect(Math.abs(binary.length - wasm.length)).toBeLessThan(800);
    expect(bestCorrelation(binary, wasm, 400).r).toBeGreaterThan(0.9);
  });

  it('a failed WebAssembly synthesis is a media.tts_failed error and does not mark the process as failed', async () => {
    const before = process.exitCode;
    const err = await runWasm(['-v', 'xx-nope'], 'x').then(() => null, (e: unknown) => e);
    expect(err).toMatchObject({ code: 'media.tts_failed' });
    expect((err as Error).message).toMatch(/voice does not exist/);
    expect(process.exitCode).toBe(before);
  });

  it('answers concurrent WebAssembly syntheses (queued one at a time) each with its own text', async () => {
    const texts = ['un', 'deux', 'trois', 'quatre'];
    const all = await Promise.all(texts.map((text) => synthesizeSpeech({ text, voice: 'fr', rate: 150 }, 'wasm')));
    for (const pcm of all) expect(rms(pcm)).toBeGreaterThan(500);
    // Each result is its own text, not a neighbour's: compare with a lone synthesis.
    const alone = await synthesizeSpeech({ text: 'trois', voice: 'fr', rate: 150 }, 'wasm');
    expect(all[2].length).toBe(alone.length);
  });
});
