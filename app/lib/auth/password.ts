// Password hashing for user accounts: argon2id via @node-rs/argon2 (no hand-rolled crypto).
// Used by better-auth (app/lib/auth) and by the seed, so both agree on the format.
import { hash, verify } from '@node-rs/argon2';

export function hashPassword(password: string): Promise<string> {
  return hash(password, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

export function verifyPassword({ hash: stored, password }: { hash: string; password: string }): Promise<boolean> {
  return verify(stored, password).catch(() => false);
}
