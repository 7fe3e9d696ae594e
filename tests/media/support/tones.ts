// Audio the media and calls tests send and measure, at 8 kHz: pure tones, RMS, and how much of a
// signal is at one frequency (Goertzel).

/** A pure tone of `ms` milliseconds at `freq` Hz. */
export function tone(ms: number, freq: number, amplitude = 6000): Int16Array {
  return new Int16Array((ms * 8000) / 1000).map((_, i) => Math.round(amplitude * Math.sin((2 * Math.PI * freq * i) / 8000)));
}

export function rms(pcm: Int16Array): number {
  let e = 0;
  for (const x of pcm) e += x * x;
  return pcm.length ? Math.sqrt(e / pcm.length) : 0;
}

const BLOCK = 400; // 50 ms: a whole number of cycles of 400, 700 and 1100 Hz, so no leakage between them

/** Share of the signal's energy at `freq` (Goertzel over 50 ms blocks): 1 for a pure tone at that frequency, ~0.5 for one of two equal tones. */
export function energyShare(pcm: Int16Array, freq: number): number {
  let tonePower = 0;
  let total = 0;
  const coeff = 2 * Math.cos((2 * Math.PI * freq) / 8000);
  for (let o = 0; o + BLOCK <= pcm.length; o += BLOCK) {
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < BLOCK; i++) {
      const x = pcm[o + i];
      const s0 = x + coeff * s1 - s2;
      s2 = s1;
      s1 = s0;
      total += x * x;
    }
    tonePower += (2 * (s1 * s1 + s2 * s2 - coeff * s1 * s2)) / BLOCK;
  }
  return total === 0 ? 0 : tonePower / total;
}

/** RMS amplitude of the component at `freq` (Goertzel over the whole signal). */
export function toneLevel(pcm: Int16Array, freq: number): number {
  const coeff = 2 * Math.cos((2 * Math.PI * freq) / 8000);
  let s1 = 0;
  let s2 = 0;
  for (const x of pcm) {
    const s = x + coeff * s1 - s2;
    s2 = s1;
    s1 = s;
  }
  return pcm.length ? Math.sqrt(2 * (s1 * s1 + s2 * s2 - coeff * s1 * s2)) / pcm.length : 0;
}

/** Power of `freq` relative to the total power of the signal (1 = a pure tone), Goertzel. */
export function toneShare(pcm: Int16Array, freq: number, rate = 8000): number {
  const k = 2 * Math.cos((2 * Math.PI * freq) / rate);
  let s1 = 0;
  let s2 = 0;
  let total = 0;
  for (const x of pcm) {
    const s0 = x + k * s1 - s2;
    s2 = s1;
    s1 = s0;
    total += x * x;
  }
  const power = s1 * s1 + s2 * s2 - k * s1 * s2;
  return total ? (2 * power) / (pcm.length * total) : 0;
}
