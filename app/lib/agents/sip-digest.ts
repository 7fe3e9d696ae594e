// SIP digest credentials (RFC 2617/3261): the server only needs HA1 = MD5(username:realm:password)
// to check a REGISTER or INVITE, so the clear password is never stored.
import { createHash } from 'node:crypto';

export function sipRealm(): string {
  return process.env.SIP_REALM || 'relais.local';
}

export function computeHa1(username: string, realm: string, password: string): string {
  return createHash('md5').update(`${username}:${realm}:${password}`, 'utf8').digest('hex');
}
