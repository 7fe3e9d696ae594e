// Personal API tokens: `rls_<random>`; only SHA-256(secret) is stored, so a database leak
// does not leak usable tokens. Hashing a high-entropy random secret needs no salt or KDF.
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = 'rls_';

export function generateTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The first characters, kept to recognise a token in a list without revealing it. */
export function displayPrefix(secret: string): string {
  return secret.slice(0, TOKEN_PREFIX.length + 6);
}
