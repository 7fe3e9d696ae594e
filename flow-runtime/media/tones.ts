// Generated 8 kHz PCM16 sounds: DTMF, the French ringback, the record beep and the built-in
// hold melody. Generated once per process and shared by every endpoint.
import { SAMPLE_RATE } from './g711';

/** dBFS → peak amplitude. */
export function dbToAmplitude(db: number): number {
  return 32767 * 10 ** (db / 20);
}

/** Sum of sines (`freqs` in Hz) for `ms`, each at `levelDb` dBFS peak, with 5 ms fades against clicks. */
export function synthesizeTone(freqs: readonly number[], ms: number, levelDb = -10): Int16Array {
  const n = Math.round((ms * SAMPLE_RATE) / 1000);
  const out = new Int16Array(n);
  const amp = dbToAmplitude(levelDb);
  const fade = Math.min(40, Math.floor(n / 2));
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (const f of freqs) v += Math.sin((2 * Math.PI * f * i) / SAMPLE_RATE);
    const env = Math.min(1, i / fade, (n - 1 - i) / fade);
    out[i] = Math.round(v * amp * env);
  }
  return out;
}

export function silence(ms: number): Int16Array {
  return new Int16Array(Math.round((ms * SAMPLE_RATE) / 1000));
}

export function concatPcm(parts: readonly Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const DTMF_FREQS: Record<string, [number, number]> = {
  '1': [697, 1209], '2': [697, 1336], '3': [697, 1477], A: [697, 1633],
  '4': [770, 1209], '5': [770, 1336], '6': [770, 1477], B: [770, 1633],
  '7': [852, 1209], '8': [852, 1336], '9': [852, 1477], C: [852, 1633],
  '*': [941, 1209], '0': [941, 1336], '#': [941, 1477], D: [941, 1633],
};

/** A DTMF digit as in-band tones (each tone at `levelDb` dBFS). */
export function synthesizeDtmf(digit: string, ms = 100, levelDb = -12): Int16Array {
  const freqs = DTMF_FREQS[digit.toUpperCase()];
  if (!freqs) throw new RangeError(`Not a DTMF digit: ${digit}`);
  return synthesizeTone(freqs, ms, levelDb);
}

let ringback: Int16Array | null = null;
/** French ringback (ARCEP): 440 Hz, 1.5 s on, 3.5 s off. One 5 s cycle; loop it. */
export function frenchRingback(): Int16Array {
  ringback ??= concatPcm([synthesizeTone([440], 1500, -13), silence(3500)]);
  return ringback;
}

let beep: Int16Array | null = null;
/** The "speak after the tone" beep: 1 kHz, 200 ms. */
export function recordBeep(): Int16Array {
  beep ??= synthesizeTone([1000], 200, -10);
  return beep;
}

let unavailable: Int16Array | null = null;
/**
 * Played instead of a prompt that could not be produced (no TTS engine, unreadable sound): two
 * soft descending notes (660 Hz then 495 Hz, 250 ms each, -16 dBFS) and 300 ms of rest. Distinct
 * from the record beep and the ringback, and never dead air.
 */
export function promptUnavailableChime(): Int16Array {
  unavailable ??= concatPcm([synthesizeTone([660], 250, -16), silence(40), synthesizeTone([495], 250, -16), silence(300)]);
  return unavailable;
}

let hold: Int16Array | null = null;
/**
 * Built-in hold music when no sound is configured: a slow, soft arpeggio (C major, F major,
 * G major, C major chords played note by note, 350 ms per note with a bell-like decay, at
 * -20 dBFS), then 1.5 s of rest; about 7 s per cycle. Loop it.
 */
export function holdMelody(): Int16Array {
  if (hold) return hold;
  const chords = [
    [261.63, 329.63, 392.0, 523.25],
    [349.23, 440.0, 523.25, 698.46],
    [392.0, 493.88, 587.33, 783.99],
    [261.63, 329.63, 392.0, 523.25],
  ];
  const parts: Int16Array[] = [];
  const amp = dbToAmplitude(-20);
  for (const chord of chords) {
    for (const f of chord) {
      const n = Math.round(0.35 * SAMPLE_RATE);
      const note = new Int16Array(n);
      for (let i = 0; i < n; i++) {
        const env = Math.min(1, i / 80) * Math.exp((-3 * i) / n);
        note[i] = Math.round(amp * env * (Math.sin((2 * Math.PI * f * i) / SAMPLE_RATE) + 0.3 * Math.sin((4 * Math.PI * f * i) / SAMPLE_RATE)));
      }
      parts.push(note);
    }
  }
  parts.push(silence(1500));
  hold = concatPcm(parts);
  return hold;
}
