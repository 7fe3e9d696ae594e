// G.711 µ-law / A-law with lookup tables built once from alawmulaw (256-entry decode, 64 Ki
// encode), so each 20 ms frame costs 160 array reads, not 160 function calls of bit twiddling.
import alawmulaw from 'alawmulaw';
import type { CodecName } from './media-endpoint';

/** Static RTP payload types of RFC 3551. */
export const PAYLOAD_TYPE: Record<CodecName, number> = { PCMU: 0, PCMA: 8 };
export const SAMPLE_RATE = 8000;
export const FRAME_MS = 20;
export const FRAME_SAMPLES = 160;

interface Tables {
  decode: Int16Array;
  encode: Uint8Array; // indexed by (sample + 32768)
}

function buildTables(codec: typeof alawmulaw.alaw): Tables {
  const decode = new Int16Array(256);
  for (let i = 0; i < 256; i++) decode[i] = codec.decodeSample(i);
  const encode = new Uint8Array(65536);
  for (let s = -32768; s < 32768; s++) encode[s + 32768] = codec.encodeSample(s);
  return { decode, encode };
}

const tables: Record<CodecName, Tables> = {
  PCMU: buildTables(alawmulaw.mulaw),
  PCMA: buildTables(alawmulaw.alaw),
};

export function decodeG711(codec: CodecName, payload: Uint8Array, out = new Int16Array(payload.length)): Int16Array {
  const t = tables[codec].decode;
  for (let i = 0; i < payload.length; i++) out[i] = t[payload[i]];
  return out;
}

export function encodeG711(codec: CodecName, pcm: Int16Array, out = new Uint8Array(pcm.length)): Uint8Array {
  const t = tables[codec].encode;
  for (let i = 0; i < pcm.length; i++) out[i] = t[pcm[i] + 32768];
  return out;
}

/** The 256-entry decode table of a law (the conference mixer decodes into its own buffers). */
export function decodeTable(codec: CodecName): Int16Array {
  return tables[codec].decode;
}

/** The 64 Ki-entry encode table of a law, indexed by (sample + 32768). */
export function encodeTable(codec: CodecName): Uint8Array {
  return tables[codec].encode;
}

/** Byte-to-byte transcoding table between the two laws (through PCM). */
const crossTables: Record<CodecName, Uint8Array> = {
  PCMU: new Uint8Array(256).map((_, i) => tables.PCMA.encode[tables.PCMU.decode[i] + 32768]), // µ → A
  PCMA: new Uint8Array(256).map((_, i) => tables.PCMU.encode[tables.PCMA.decode[i] + 32768]), // A → µ
};

/** Re-encodes a payload from one law to the other; returns the input itself when the codecs match. */
export function transcodeG711(from: CodecName, to: CodecName, payload: Uint8Array): Uint8Array {
  if (from === to) return payload;
  const t = crossTables[from];
  const out = Buffer.allocUnsafe(payload.length);
  for (let i = 0; i < payload.length; i++) out[i] = t[payload[i]];
  return out;
}

/** The encoded value of digital silence. */
export function silenceByte(codec: CodecName): number {
  return tables[codec].encode[32768];
}

/** RMS level of PCM samples in dBFS (-Infinity for digital silence). */
export function rmsDb(pcm: Int16Array): number {
  if (pcm.length === 0) return -Infinity;
  let sum = 0;
  for (let i = 0; i < pcm.length; i++) sum += pcm[i] * pcm[i];
  const rms = Math.sqrt(sum / pcm.length);
  return rms === 0 ? -Infinity : 20 * Math.log10(rms / 32768);
}
