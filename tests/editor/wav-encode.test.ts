// Client-side WAV encoding of a microphone recording (app/flow-editor/core/wav-encode.ts).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWavInfo } from '@/app/lib/sounds/convert-audio';
import { concatChunks, encodeWav, floatToPcm16, mixDown, WAV_HEADER_BYTES } from '@/app/flow-editor/core/wav-encode';

describe('wav-encode', () => {
  it('converts floats to 16-bit with clipping', () => {
    expect([-1, -0.5, 0, 0.5, 1, 2, -3, NaN].map(floatToPcm16)).toEqual([-32768, -16384, 0, 16384, 32767, 32767, -32768, 0]);
  });
  it('joins chunks in order and averages channels', () => {
    expect(Array.from(concatChunks([new Float32Array([0.25]), new Float32Array([]), new Float32Array([0.5, -1])]))).toEqual([0.25, 0.5, -1]);
    expect(Array.from(mixDown([new Float32Array([1, 0.5]), new Float32Array([0, -0.5])]))).toEqual([0.5, 0]);
    const one = new Float32Array([0.1]);
    expect(mixDown([one])).toBe(one);
  });
  it('writes a canonical 44-byte header and little-endian samples', () => {
    const wav = encodeWav(new Float32Array([0, 1, -1]), 48000);
    const buf = Buffer.from(wav);
    expect(buf.length).toBe(WAV_HEADER_BYTES + 6);
    expect(buf.toString('ascii', 0, 4)).toBe('RIFF');
    expect(buf.readUInt32LE(4)).toBe(36 + 6);
    expect(buf.toString('ascii', 8, 16)).toBe('WAVEfmt ');
    expect(buf.readUInt32LE(28)).toBe(96000);
    expect(buf.toString('ascii', 36, 40)).toBe('data');
    expect([buf.readInt16LE(44), buf.readInt16LE(46), buf.readInt16LE(48)]).toEqual([0, 32767, -32768]);
    expect(readWavInfo(buf)).toEqual({ format: 1, channels: 1, sampleRate: 48000, bitsPerSample: 16, dataBytes: 6 });
    expect(() => encodeWav(new Float32Array(1), 0)).toThrow(RangeError);
  });
  it('is read by sox as one second of 16-bit mono audio', () => {
    const sine = Float32Array.from({ length: 8000 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / 8000));
    const dir = mkdtempSync(path.join(tmpdir(), 'relais-wav-'));
    try {
      const file = path.join(dir, 'a.wav');
      writeFileSync(file, encodeWav(sine, 8000));
      const info = execFileSync('soxi', [file], { encoding: 'utf8' });
      expect(info).toMatch(/Channels\s*: 1/);
      expect(info).toMatch(/Sample Rate\s*: 8000/);
      expect(info).toMatch(/16-bit/);
      expect(info).toMatch(/00:00:01\.00/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
