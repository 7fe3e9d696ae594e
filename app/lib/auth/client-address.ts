// The client's address as the admin server sees it, for rate limits and session records.
// By default it is the socket peer: `X-Forwarded-For` is written by whoever sends the request,
// so trusting it lets an attacker pick a new address per try. Only when the socket peer is a
// proxy listed in TRUSTED_PROXIES (IPs or CIDR ranges, comma-separated) is the header read,
// right to left, skipping the trusted hops: the first untrusted hop is the client.
// app/server.ts computes it per request and passes it to route handlers in CLIENT_ADDRESS_HEADER,
// after deleting any copy the client sent.
import { BlockList, isIP } from 'node:net';

/** Set by app/server.ts only (a client-sent copy is removed first). */
export const CLIENT_ADDRESS_HEADER = 'x-relais-client-ip';

/** Hops read from X-Forwarded-For at most, and its longest accepted length (linear, bounded). */
const MAX_FORWARDED_HOPS = 32;
const MAX_FORWARDED_LENGTH = 2048;

/** Parses TRUSTED_PROXIES ("10.0.0.0/8, 127.0.0.1, ::1"); null when unset. Throws on a bad entry. */
export function parseTrustedProxies(value: string | undefined): BlockList | null {
  const entries = (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix, extra] = entry.split('/');
    const family = isIP(address ?? '');
    if (!family || extra !== undefined) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) {
      list.addAddress(address!, type);
      continue;
    }
    const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!(bits >= 0 && bits <= (family === 4 ? 32 : 128))) throw new Error(`TRUSTED_PROXIES: "${entry}" has an invalid prefix length`);
    list.addSubnet(address!, bits, type);
  }
  return list;
}

/** "::ffff:1.2.3.4" → "1.2.3.4"; other addresses unchanged (lower-cased). null when not an IP. */
export function canonicalAddress(raw: string | undefined | null): string | null {
  if (!raw) return null;
  const address = raw.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped && isIP(mapped[1]!) === 4) return mapped[1]!;
  return isIP(address) ? address : null;
}

function isTrusted(list: BlockList, address: string): boolean {
  return list.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The client address of one request: the socket peer, or, when that peer is a trusted proxy,
 * the first untrusted hop of X-Forwarded-For read from the right. A malformed hop stops the walk
 * at the last trusted hop (never at a value the client chose).
 */
export function resolveClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: BlockList | null,
): string | null {
  const peer = canonicalAddress(socketAddress);
  if (!peer || !trusted || !isTrusted(trusted, peer)) return peer;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
  if (!header || header.length > MAX_FORWARDED_LENGTH) return peer;
  const hops = header.split(',').slice(-MAX_FORWARDED_HOPS);
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = canonicalAddress(hops[i]);
    if (!hop) return client;
    client = hop;
    if (!isTrusted(trusted, hop)) return hop;
  }
  return client;
}

const serverFlag = globalThis as unknown as { relaisClientAddressHeader?: boolean };

/** Called by app/server.ts: from now on CLIENT_ADDRESS_HEADER is set by the server, not the client. */
export function markClientAddressHeaderTrusted(): void {
  serverFlag.relaisClientAddressHeader = true;
}

/** Whether CLIENT_ADDRESS_HEADER comes from app/server.ts (false under a plain `next start`). */
export function isClientAddressHeaderTrusted(): boolean {
  return serverFlag.relaisClientAddressHeader === true;
}

/** The client address for a route handler; null when the app does not run behind app/server.ts. */
export function clientAddressOf(headers: Headers): string | null {
  if (!isClientAddressHeaderTrusted()) return null;
  return canonicalAddress(headers.get(CLIENT_ADDRESS_HEADER));
}

/**
 * The key a per-address limit uses: IPv4 as is, IPv6 by its /64 (one subscriber usually owns a
 * whole /64, so counting single IPv6 addresses would let one attacker rotate through billions).
 */
export function addressBucket(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return groups
    .slice(0, 4)
    .map((g) => g.padStart(4, '0'))
    .join(':') + '::/64';
}
