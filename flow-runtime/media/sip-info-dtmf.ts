// Digits carried in SIP INFO bodies:
// - application/dtmf-relay (Cisco style): "Signal=5\r\nDuration=160" (duration in ms);
// - application/dtmf: the digit alone ("5", "#") or its RFC 4733 event code ("11" for #).
import type { DtmfDigit } from './media-endpoint';
import { DTMF_DIGITS, eventToDigit } from './rfc4733';

const DEFAULT_DURATION_MS = 100;
const MAX_BODY_LENGTH = 1024;

export function parseSipInfoDtmf(contentType: string, body: string): { digit: DtmfDigit; durationMs: number } | null {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type === 'application/dtmf-relay') {
    // `[ \t]*`, not `\s*`: with /m, `\s*` crossed line ends and backtracked quadratically
    // (20,000 blank lines took 0.5 s); the body is capped too, a real one is ~30 bytes.
    if (body.length > MAX_BODY_LENGTH) return null;
    const signal = /^[ \t]*signal[ \t]*=[ \t]*(\S+)[ \t]*\r?$/im.exec(body)?.[1];
    const duration = /^[ \t]*duration[ \t]*=[ \t]*(\d+)[ \t]*\r?$/im.exec(body)?.[1];
    const digit = signal ? toDigit(signal) : null;
    return digit ? { digit, durationMs: duration ? Number(duration) : DEFAULT_DURATION_MS } : null;
  }
  if (type === 'application/dtmf') {
    const digit = toDigit(body.trim());
    return digit ? { digit, durationMs: DEFAULT_DURATION_MS } : null;
  }
  return null;
}

function toDigit(s: string): DtmfDigit | null {
  if (s.length === 1 && DTMF_DIGITS.includes(s.toUpperCase())) return s.toUpperCase() as DtmfDigit;
  if (/^\d{2}$/.test(s)) return eventToDigit(Number(s));
  return null;
}
