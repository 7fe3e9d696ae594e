// The editor's "Listen" preview: GET /api/tts query checks and the server synthesis (eSpeak NG,
// binary or WebAssembly, resampled in-process; cached on disk by voice and text).
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiError } from '@/app/lib/api/errors';
import { MAX_TTS_TEXT, parseTtsQuery, synthesizeWav, ttsCacheDir } from '@/app/lib/tts/synthesize';

const failure = (query: string) => {
  try {
    parseTtsQuery(new URLSearchParams(query));
  } catch (err) {
    return { status: (err as ApiError).status, path: (err as ApiError).path };
  }
  return null;
};

describe('GET /api/tts query', () => {
  it('accepts a text and a voice (fr by default)', () => {
    expect(parseTtsQuery(new URLSearchParams('text=Bonjour'))).toEqual({ text: 'Bonjour', voice: 'fr' });
    expect(parseTtsQuery(new URLSearchParams('text=Hello&voice=en'))).toEqual({ text: 'Hello', voice: 'en' });
  });
  it('rejects a missing, blank or too long text and an unknown voice with the parameter as path', () => {
    expect(failure('voice=fr')).toEqual({ status: 400, path: '/text' });
    expect(failure('text=%20%20')).toEqual({ status: 400, path: '/text' });
    expect(failure(`text=${'a'.repeat(MAX_TTS_TEXT + 1)}`)).toEqual({ status: 400, path: '/text' });
    expect(failure(`text=${'a'.repeat(MAX_TTS_TEXT)}`)).toBeNull();
    expect(failure('text=Hi&voice=de')).toEqual({ status: 400, path: '/voice' });
  });
});

describe('synthesizeWav', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  it('returns an 8 kHz mono 16-bit WAV and caches it under RELAIS_DATA_DIR/tts-cache', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'relais-tts-'));
    process.env.RELAIS_DATA_DIR = dir;
    expect(ttsCacheDir()).toBe(path.join(dir, 'tts-cache'));
    const wav = await synthesizeWav({ text: 'Bonjour', voice: 'fr' });
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt16LE(22)).toBe(1); // mono
    expect(wav.readUInt32LE(24)).toBe(8000);
    expect(wav.readUInt16LE(34)).toBe(16);
    expect(await readdir(path.join(dir, 'tts-cache'))).toHaveLength(1);
    expect((await synthesizeWav({ text: 'Bonjour', voice: 'fr' })).equals(wav)).toBe(true);
    expect(await readdir(path.join(dir, 'tts-cache'))).toHaveLength(1);
  });

  it('speaks without the espeak-ng binary (RELAIS_TTS_ENGINE=wasm) and without sox', async () => {
    process.env.RELAIS_TTS_ENGINE = 'wasm';
    try {
      const wav = await synthesizeWav({ text: 'Bonsoir', voice: 'fr' });
      expect([wav.readUInt16LE(22), wav.readUInt32LE(24), wav.readUInt16LE(34)]).toEqual([1, 8000, 16]);
      expect(wav.length - 44).toBeGreaterThan(8000 * 2 * 0.3);
    } finally {
      delete process.env.RELAIS_TTS_ENGINE;
    }
  });
});
