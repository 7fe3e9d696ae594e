// Signing of webhook deliveries, Stripe-style: the header
//   X-Relais-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, `${t}.${body}`)>
// lets the receiver check that the body came from us (the secret) and is recent (t), so a
// captured delivery cannot be replayed later. verifySignature() is what a receiver does.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Relais-Signature';
export const EVENT_ID_HEADER = 'X-Relais-Event-Id';
export const EVENT_TYPE_HEADER = 'X-Relais-Event';
export const SECRET_PREFIX = 'whsec_';
/** How old a signature a receiver should accept (seconds); our default for verifySignature. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(24).toString('base64url');
}

/** The hex HMAC-SHA256 of `${t}.${body}` with the secret. */
export function computeSignature(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** The X-Relais-Signature header value for this body at this time. */
export function signatureHeader(secret: string, body: string, at: Date = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${computeSignature(secret, t, body)}`;
}

export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: 'malformed' | 'mismatch' | 'too-old' };

/**
 * Checks a header against the raw body (as received, before any JSON parsing): one of its v1
 * values must match, in constant time, and t must be within `toleranceSeconds` of now.
 */
export function verifySignature(secret: string, body: string, header: string | null | undefined, opts: { toleranceSeconds?: number; now?: Date } = {}): VerifyResult {
  if (!header) return { ok: false, reason: 'malformed' };
  let t: number | null = null;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const [k, v] = part.trim().split('=', 2);
    if (k === 't' && /^\d+$/.test(v ?? '')) t = Number(v);
    else if (k === 'v1' && /^[0-9a-f]{64}$/.test(v ?? '')) v1.push(v);
  }
  if (t === null || v1.length === 0) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(computeSignature(secret, t, body), 'hex');
  if (!v1.some((v) => timingSafeEqual(Buffer.from(v, 'hex'), expected))) return { ok: false, reason: 'mismatch' };
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - t) > (opts.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return { ok: false, reason: 'too-old' };
  return { ok: true, timestamp: t };
}
