// SIP digest authentication, server side (RFC 2617 / RFC 7616 MD5 with qop=auth, as RFC 3261
// §22.4 uses it), checked against a stored HA1 = MD5(username:realm:password).
// Nonces are stateless: `<expiry ms>.<random>.<HMAC-SHA256(secret, expiry.random)>`, so any
// runtime holding the same secret can verify them and nothing is kept per challenge.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

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
 * Parses `Digest k=v, k="quoted, with commas", …`. Returns null when the scheme is not Digest
 * or a mandatory parameter is missing.
 */
export function parseDigestAuthorization(header: string): DigestCredentials | null {
  const m = /^\s*Digest\s+(.*)$/is.exec(header);
  if (!m) return null;
  const params = new Map<string, string>();
  const re = /([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*(?:,|$)/g;
  let part: RegExpExecArray | null;
  while ((part = re.exec(m[1])) !== null) {
    if (part[0] === '') break;
    params.set(part[1].toLowerCase(), part[2] !== undefined ? part[2].replace(/\\(.)/g, '$1') : part[3]);
  }
  const get = (k: string) => params.get(k) ?? null;
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

/** The response a client holding `ha1` must send (RFC 2617 §3.2.2.1; qop=auth or none). */
export function expectedDigestResponse(ha1: string, method: string, c: DigestCredentials): string {
  const ha2 = md5(`${method}:${c.uri}`);
  return c.qop ? md5(`${ha1}:${c.nonce}:${c.nc}:${c.cnonce}:${c.qop}:${ha2}`) : md5(`${ha1}:${c.nonce}:${ha2}`);
}

/** Checks the credentials' response against the stored HA1 in constant time. */
export function verifyDigestResponse(ha1: string, method: string, c: DigestCredentials): boolean {
  if (c.algorithm.toUpperCase() !== 'MD5') return false;
  if (c.qop !== null && (c.qop !== 'auth' || !c.nc || !c.cnonce)) return false;
  const expected = Buffer.from(expectedDigestResponse(ha1.toLowerCase(), method, c));
  const given = Buffer.from(c.response.toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The WWW-Authenticate value of a challenge. */
export function digestChallenge(realm: string, nonce: string, stale = false): string {
  return `Digest realm="${realm}", nonce="${nonce}", algorithm=MD5, qop="auth"${stale ? ', stale=true' : ''}`;
}
