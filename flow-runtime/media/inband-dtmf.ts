// In-band DTMF detection with the Goertzel algorithm on decoded 8 kHz audio.
//
// Audio is cut into blocks of 205 samples (25.6 ms; the classic size whose bins sit close to
// the eight DTMF frequencies). For each block:
//   1. measure the power at the 4 row and 4 column frequencies, and the block's total energy;
//   2. keep the strongest row and column; each must be loud enough (MIN_LEVEL_DB), at least
//      6 dB above the other frequencies of its group, and the two within ±8 dB of each other
//      (twist);
//   3. the two tones must carry most of the block's energy (TONE_SHARE): this rejects speech
//      and music, whose energy is spread;
//   4. debounce: a digit begins after it was seen in enough consecutive blocks to last
//      `minDurationMs`, and ends after two blocks without it (one dropped block is tolerated).
import type { DtmfDigit } from './media-endpoint';
import type { TelephoneEventSink } from './rfc4733';

const ROWS = [697, 770, 852, 941];
const COLS = [1209, 1336, 1477, 1633];
const KEYS = ['123A', '456B', '789C', '*0#D'];
const N = 205;
const BLOCK_MS = (N / 8000) * 1000;
const MIN_LEVEL_DB = -42; // peak amplitude of each tone, dBFS
const MIN_AMPLITUDE = 32768 * 10 ** (MIN_LEVEL_DB / 20);
const GROUP_RATIO = 2; // 6 dB over the rest of the group (amplitude ratio)
const MAX_TWIST_DB = 8;
const TONE_SHARE = 0.6;
const END_MISSES = 2;

const coeff = (f: number): number => 2 * Math.cos((2 * Math.PI * f) / 8000);
const [R0, R1, R2, R3] = ROWS.map(coeff);
const [C0, C1, C2, C3] = COLS.map(coeff);
/** Amplitudes of the last block (4 rows then 4 columns), reused: no allocation per block. */
const amps = new Float64Array(8);

/** Goertzel amplitude estimate from the last two states of a filter with coefficient c = 2cos(ω), over n samples. */
function amp(s1: number, s2: number, c: number, n: number): number {
  const power = s1 * s1 + s2 * s2 - c * s1 * s2;
  return (2 * Math.sqrt(Math.max(0, power))) / n;
}

/**
 * The digit present in one block, or null. Exported for tests.
 * One pass over the block runs the energy sum and the eight Goertzel filters together (they
 * share each sample read); a block under the level floor stops after that cheap energy pass.
 */
export function detectBlock(block: Float64Array): DtmfDigit | null {
  const n = block.length;
  let energy = 0;
  for (let i = 0; i < n; i++) energy += block[i] * block[i];
  const meanSquare = energy / n;
  if (meanSquare < (MIN_AMPLITUDE * MIN_AMPLITUDE) / 2) return null;
  let a1 = 0, a2 = 0, b1 = 0, b2 = 0, c1 = 0, c2 = 0, d1 = 0, d2 = 0; // rows
  let e1 = 0, e2 = 0, f1 = 0, f2 = 0, g1 = 0, g2 = 0, h1 = 0, h2 = 0; // columns
  for (let i = 0; i < n; i++) {
    const x = block[i];
    let t = x + R0 * a1 - a2; a2 = a1; a1 = t;
    t = x + R1 * b1 - b2; b2 = b1; b1 = t;
    t = x + R2 * c1 - c2; c2 = c1; c1 = t;
    t = x + R3 * d1 - d2; d2 = d1; d1 = t;
    t = x + C0 * e1 - e2; e2 = e1; e1 = t;
    t = x + C1 * f1 - f2; f2 = f1; f1 = t;
    t = x + C2 * g1 - g2; g2 = g1; g1 = t;
    t = x + C3 * h1 - h2; h2 = h1; h1 = t;
  }
  amps[0] = amp(a1, a2, R0, n);
  amps[1] = amp(b1, b2, R1, n);
  amps[2] = amp(c1, c2, R2, n);
  amps[3] = amp(d1, d2, R3, n);
  amps[4] = amp(e1, e2, C0, n);
  amps[5] = amp(f1, f2, C1, n);
  amps[6] = amp(g1, g2, C2, n);
  amps[7] = amp(h1, h2, C3, n);
  const r = strongest(0);
  const k = strongest(4);
  const ar = amps[r];
  const ac = amps[k];
  if (ar < MIN_AMPLITUDE || ac < MIN_AMPLITUDE) return null;
  for (let i = 0; i < 4; i++) if (i !== r && amps[i] * GROUP_RATIO > ar) return null;
  for (let i = 4; i < 8; i++) if (i !== k && amps[i] * GROUP_RATIO > ac) return null;
  if (Math.abs(20 * Math.log10(ar / ac)) > MAX_TWIST_DB) return null;
  if ((ar * ar + ac * ac) / 2 < TONE_SHARE * meanSquare) return null;
  return KEYS[r][k - 4] as DtmfDigit;
}

/** Index of the strongest of the four amplitudes starting at `from`. */
function strongest(from: number): number {
  let best = from;
  for (let i = from + 1; i < from + 4; i++) if (amps[i] > amps[best]) best = i;
  return best;
}

export class InbandDtmfDetector {
  private block = new Float64Array(N);
  private fill = 0;
  private candidate: DtmfDigit | null = null;
  private candidateBlocks = 0;
  private active: DtmfDigit | null = null;
  private misses = 0;
  private readonly minBlocks: number;

  constructor(
    private readonly sink: TelephoneEventSink,
    minDurationMs = 40,
  ) {
    this.minBlocks = Math.max(2, Math.ceil(minDurationMs / BLOCK_MS));
  }

  push(pcm: Int16Array): void {
    for (let i = 0; i < pcm.length; i++) {
      this.block[this.fill++] = pcm[i];
      if (this.fill === N) {
        this.fill = 0;
        this.onBlock(detectBlock(this.block));
      }
    }
  }

  /** Same as push() for G.711 bytes, decoded straight into the block with `decodeTable` (g711.ts): no PCM copy. */
  pushEncoded(payload: Uint8Array, decodeTable: Int16Array): void {
    for (let i = 0; i < payload.length; i++) {
      this.block[this.fill++] = decodeTable[payload[i]];
      if (this.fill === N) {
        this.fill = 0;
        this.onBlock(detectBlock(this.block));
      }
    }
  }

  /** Forgets a tone in progress (e.g. when RFC 4733 takes over). */
  reset(): void {
    this.fill = 0;
    this.candidate = null;
    this.candidateBlocks = 0;
    this.active = null;
    this.misses = 0;
  }

  private onBlock(digit: DtmfDigit | null): void {
    if (this.active) {
      if (digit === this.active) {
        this.misses = 0;
        this.candidateBlocks++;
        return;
      }
      if (++this.misses < END_MISSES) return;
      const ended = this.active;
      this.active = null;
      this.sink.end(ended, Math.round(this.candidateBlocks * BLOCK_MS));
      this.candidate = null;
      this.candidateBlocks = 0;
      if (!digit) return;
    }
    if (digit && digit === this.candidate) {
      this.candidateBlocks++;
    } else {
      this.candidate = digit;
      this.candidateBlocks = digit ? 1 : 0;
    }
    if (this.candidate && this.candidateBlocks >= this.minBlocks) {
      this.active = this.candidate;
      this.misses = 0;
      this.sink.begin(this.active);
    }
  }
}
