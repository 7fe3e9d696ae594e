// SIP digest authentication, server side (RFC 2617 / RFC 7616 MD5 with qop=auth, as RFC 3261
// §22.4 uses it), checked against a stored HA1 = MD5(username:realm:password).
// Nonces are stateless: `<expiry ms>.<random>.<HMAC-SHA256(secret, expiry.random)>`, so any
// runtime holding the same secret can verify them and nothing is kept per challenge.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { parseAuthParams } from './auth-params';

export interface DigestCredentials {
  username: string;
  realm: string;
  nonce: string;
  uri: string;
  response: string;
  algorithm: string;
  qop: string | null;
  nc: string | null;
  cnonce: string | null;
  opaque: string | null;
}

export interface NonceSigner {
  /** A fresh nonce valid for the configured lifetime. */
  issue(): string;
  /** 'valid', 'stale' (signature fine, lifetime over) or 'invalid' (forged or malformed). */
  check(nonce: string): 'valid' | 'stale' | 'invalid';
}

/** The expiry (ms since the epoch) written in a nonce of ours, or null when it is not one. */
export function nonceExpiry(nonce: string): number | null {
  const dot = nonce.indexOf('.');
  const head = dot < 0 ? '' : nonce.slice(0, dot);
  return head.length > 0 && head.length <= 15 && /^\d+$/.test(head) ? Number(head) : null;
}

export function createNonceSigner(secret: string, ttlMs: number, now: () => number = Date.now): NonceSigner {
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');
  return {
    issue() {
      const payload = `${now() + ttlMs}.${randomBytes(9).toString('base64url')}`;
      return `${payload}.${sign(payload)}`;
    },
    check(nonce) {
      const parts = nonce.split('.');
      if (parts.length !== 3 || !/^\d+$/.test(parts[0])) return 'invalid';
      const expected = Buffer.from(sign(`${parts[0]}.${parts[1]}`));
      const given = Buffer.from(parts[2]);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
      return Number(parts[0]) < now() ? 'stale' : 'valid';
    },
  };
}

/**
 * Parses `Digest k=v, k="quoted, with commas", …` with the linear scanner of auth-params.ts
 * (the regular expression used before backtracked for seconds on a 60 KB header). Returns null
 * when the header is over MAX_AUTHORIZATION_BYTES, unreadable, not Digest, or lacks a
 * mandatory parameter.
 */
export function parseDigestAuthorization(header: string): DigestCredentials | null {
  const parsed = parseAuthParams(header);
  if (!parsed.ok || parsed.scheme.toLowerCase() !== 'digest') return null;
  const get = (k: string) => parsed.params.get(k) ?? null;
  const username = get('username');
  const realm = get('realm');
  const nonce = get('nonce');
  const uri = get('uri');
  const response = get('response');
  if (username === null || realm === null || !nonce || !uri || !response) return null;
  return {
    username, realm, nonce, uri, response,
    algorithm: get('algorithm') ?? 'MD5',
    qop: get('qop'), nc: get('nc'), cnonce: get('cnonce'), opaque: get('opaque'),
  };
}

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

/** The response a client holding `ha1` must send (RFC 2617 §3.2.2.1; qop=auth, or none for tests of refusal). */
export function expectedDigestResponse(ha1: string, method: string, c: DigestCredentials): string {
  const ha2 = md5(`${method}:${c.uri}`);
  return c.qop ? md5(`${ha1}:${c.nonce}:${c.nc}:${c.cnonce}:${c.qop}:${ha2}`) : md5(`${ha1}:${c.nonce}:${ha2}`);
}

/** `nc` as RFC 7616 §3.4 writes it: exactly 8 hex digits. Null when malformed. */
export function parseNonceCount(nc: string | null): number | null {
  return nc !== null && /^[0-9a-fA-F]{8}$/.test(nc) ? parseInt(nc, 16) : null;
}

/**
 * Checks the credentials' response against the stored HA1 in constant time. Only `qop=auth`
 * with a well-formed nc and a cnonce is accepted: without qop (RFC 2069) there is no nc, so a
 * captured header could be replayed as long as its nonce lives.
 */
export function verifyDigestResponse(ha1: string, method: string, c: DigestCredentials): boolean {
  if (c.algorithm.toUpperCase() !== 'MD5') return false;
  if (c.qop !== 'auth' || parseNonceCount(c.nc) === null || !c.cnonce) return false;
  const expected = Buffer.from(expectedDigestResponse(ha1.toLowerCase(), method, c));
  const given = Buffer.from(c.response.toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The WWW-Authenticate value of a challenge. */
export function digestChallenge(realm: string, nonce: string, stale = false): string {
  return `Digest realm="${realm}", nonce="${nonce}", algorithm=MD5, qop="auth"${stale ? ', stale=true' : ''}`;
}
