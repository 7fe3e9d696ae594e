import { randomBytes } from 'node:crypto';

/** An initial password for a new user: 16 random base64url characters (96 bits). */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}
