// Turns an uploaded WAV or MP3 into what the media endpoint plays: 8 kHz, mono, 16-bit PCM WAV
// (G.711 is 8 kHz). Done in this process with no system tool (flow-runtime/media/telephony-audio.ts:
// wavefile for WAV of any rate, channels and bit depth; mpg123 compiled to WebAssembly for MP3),
// so uploads work after `npm install` alone. Unsupported or corrupt files get a 415 whose
// problem code (`sound.unsupportedFormat`, `sound.corrupt`, `sound.tooLong`) the admin shows in
// the user's language (messages/*.json, sounds.fileErrors).
import { ApiError } from '@/app/lib/api/errors';
import { isMediaError } from '@/flow-runtime/media/errors';
import { MAX_AUDIO_SECONDS, telephonyWav, toTelephonyPcm } from '@/flow-runtime/media/telephony-audio';

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

/** Problem codes of a refused file, one per message in messages/*.json (sounds.fileErrors). */
const PROBLEM_CODES = {
  'media.unsupported_audio': 'sound.unsupportedFormat',
  'media.corrupt_audio': 'sound.corrupt',
  'media.too_long': 'sound.tooLong',
} as const;

export async function convertToTelephonyWav(input: Buffer): Promise<ConvertedAudio> {
  if (!detectAudioFormat(input)) throw refused('sound.unsupportedFormat', 'The file is neither WAV nor MP3; upload a .wav or .mp3 file');
  try {
    const pcm = await toTelephonyPcm(input, { maxSeconds: MAX_AUDIO_SECONDS });
    if (pcm.length === 0) throw refused('sound.corrupt', 'The file holds no audio');
    return { data: telephonyWav(pcm), durationMs: Math.round(pcm.length / 8) };
  } catch (err) {
    if (isMediaError(err) && err.code in PROBLEM_CODES) {
      throw refused(PROBLEM_CODES[err.code as keyof typeof PROBLEM_CODES], err.message.replace(/\.$/, ''));
    }
    throw err;
  }
}

function refused(code: (typeof PROBLEM_CODES)[keyof typeof PROBLEM_CODES], message: string): ApiError {
  return new ApiError(code === 'sound.tooLong' ? 'PAYLOAD_TOO_LARGE' : 'UNSUPPORTED_MEDIA_TYPE', message, { path: '/file', problems: [{ code, message, path: '/file' }] });
}
