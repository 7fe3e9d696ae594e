// Turns an uploaded WAV or MP3 into what the media endpoint plays: 8 kHz, mono, 16-bit PCM WAV
// (G.711 is 8 kHz). Uses sox (Debian `sox`; MP3 needs `libsox-fmt-mp3`), then ffmpeg when
// present; without either, a WAV already in that format is kept as is.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ApiError } from '@/app/lib/api/errors';

const run = promisify(execFile);

export type AudioFormat = 'wav' | 'mp3';

export interface ConvertedAudio {
  data: Buffer;
  durationMs: number;
}

export function detectAudioFormat(data: Buffer): AudioFormat | null {
  if (data.length >= 12 && data.toString('ascii', 0, 4) === 'RIFF' && data.toString('ascii', 8, 12) === 'WAVE') return 'wav';
  if (data.length >= 3 && data.toString('ascii', 0, 3) === 'ID3') return 'mp3';
  if (data.length >= 2 && data[0] === 0xff && (data[1] & 0xe0) === 0xe0) return 'mp3';
  return null;
}

interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  format: number;
  dataBytes: number;
}

/** Reads the fmt and data chunks of a RIFF/WAVE file; null when malformed. */
export function readWavInfo(data: Buffer): WavInfo | null {
  let offset = 12;
  let fmt: Omit<WavInfo, 'dataBytes'> | null = null;
  while (offset + 8 <= data.length) {
    const id = data.toString('ascii', offset, offset + 4);
    const size = data.readUInt32LE(offset + 4);
    if (id === 'fmt ' && offset + 24 <= data.length) {
      fmt = {
        format: data.readUInt16LE(offset + 8),
        channels: data.readUInt16LE(offset + 10),
        sampleRate: data.readUInt32LE(offset + 12),
        bitsPerSample: data.readUInt16LE(offset + 22),
      };
    } else if (id === 'data' && fmt) {
      return { ...fmt, dataBytes: Math.min(size, data.length - offset - 8) };
    }
    offset += 8 + size + (size % 2);
  }
  return null;
}

function isTelephonyWav(info: WavInfo | null): info is WavInfo {
  return !!info && info.format === 1 && info.sampleRate === 8000 && info.channels === 1 && info.bitsPerSample === 16;
}

function durationOf(info: WavInfo): number {
  return Math.round((info.dataBytes / (info.sampleRate * info.channels * (info.bitsPerSample / 8))) * 1000);
}

async function tryConvert(command: string, args: string[]): Promise<'ok' | 'missing' | 'failed'> {
  try {
    await run(command, args, { timeout: 60_000 });
    return 'ok';
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'failed';
  }
}

export async function convertToTelephonyWav(input: Buffer): Promise<ConvertedAudio> {
  const format = detectAudioFormat(input);
  if (!format) throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'The file is neither WAV nor MP3; upload a .wav or .mp3 file', { path: '/file' });
  const dir = await mkdtemp(path.join(tmpdir(), 'relais-sound-'));
  try {
    const source = path.join(dir, `input.${format}`);
    const target = path.join(dir, 'output.wav');
    await writeFile(source, input);
    const attempts = [
      () => tryConvert('sox', [source, '-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer', target]),
      () => tryConvert('ffmpeg', ['-nostdin', '-loglevel', 'error', '-y', '-i', source, '-ar', '8000', '-ac', '1', '-c:a', 'pcm_s16le', target]),
    ];
    for (const attempt of attempts) {
      if ((await attempt()) !== 'ok') continue;
      const data = await readFile(target);
      const info = readWavInfo(data);
      if (isTelephonyWav(info)) return { data, durationMs: durationOf(info) };
    }
    // No converter could read it: a WAV already in telephony format can still be kept.
    const info = format === 'wav' ? readWavInfo(input) : null;
    if (isTelephonyWav(info)) return { data: input, durationMs: durationOf(info) };
    throw new ApiError(
      'UNSUPPORTED_MEDIA_TYPE',
      format === 'mp3'
        ? 'This MP3 could not be decoded on the server (it needs libsox-fmt-mp3 or ffmpeg); upload a WAV instead'
        : 'This WAV could not be read or converted to 8 kHz mono; check the file',
      { path: '/file' },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
