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
const ROW_COEFF = ROWS.map(coeff);
const COL_COEFF = COLS.map(coeff);

/** Goertzel amplitude estimate of the tone at `c` = 2cos(ω) over `block`. */
function amplitude(block: Float64Array, c: number): number {
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < block.length; i++) {
    const s0 = block[i] + c * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - c * s1 * s2;
  return (2 * Math.sqrt(Math.max(0, power))) / block.length;
}

/** The digit present in one block, or null. Exported for tests. */
export function detectBlock(block: Float64Array): DtmfDigit | null {
  let energy = 0;
  for (let i = 0; i < block.length; i++) energy += block[i] * block[i];
  const meanSquare = energy / block.length;
  if (meanSquare < (MIN_AMPLITUDE * MIN_AMPLITUDE) / 2) return null;
  const rows = ROW_COEFF.map((c) => amplitude(block, c));
  const cols = COL_COEFF.map((c) => amplitude(block, c));
  const r = argmax(rows);
  const k = argmax(cols);
  const ar = rows[r];
  const ac = cols[k];
  if (ar < MIN_AMPLITUDE || ac < MIN_AMPLITUDE) return null;
  if (rows.some((a, i) => i !== r && a * GROUP_RATIO > ar)) return null;
  if (cols.some((a, i) => i !== k && a * GROUP_RATIO > ac)) return null;
  if (Math.abs(20 * Math.log10(ar / ac)) > MAX_TWIST_DB) return null;
  if ((ar * ar + ac * ac) / 2 < TONE_SHARE * meanSquare) return null;
  return KEYS[r][k] as DtmfDigit;
}

function argmax(a: number[]): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i] > a[best]) best = i;
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
