// Which addresses a server-side HTTP request may reach. Everything inside the platform's own
// network is refused (loopback, private, link-local with the cloud metadata address, CGNAT,
// multicast, broadcast, reserved, their IPv4-mapped IPv6 spellings) unless an allow-list entry
// names it. Checked on the address actually connected to (see outbound-request.ts), so a name
// that resolves differently at connect time (DNS rebinding) is still refused.
import { BlockList, isIP } from 'node:net';

interface Range { address: string; prefix: number; family: 'ipv4' | 'ipv6' }

/** Refused ranges by reason (the reason is what the call's path shows). */
const REFUSED: Record<string, Range[]> = {
  loopback: [{ address: '127.0.0.0', prefix: 8, family: 'ipv4' }, { address: '::1', prefix: 128, family: 'ipv6' }],
  unspecified: [{ address: '0.0.0.0', prefix: 8, family: 'ipv4' }, { address: '::', prefix: 128, family: 'ipv6' }],
  private: [
    { address: '10.0.0.0', prefix: 8, family: 'ipv4' },
    { address: '172.16.0.0', prefix: 12, family: 'ipv4' },
    { address: '192.168.0.0', prefix: 16, family: 'ipv4' },
    { address: 'fc00::', prefix: 7, family: 'ipv6' },
  ],
  'link-local (cloud metadata)': [
    { address: '169.254.0.0', prefix: 16, family: 'ipv4' },
    { address: 'fe80::', prefix: 10, family: 'ipv6' },
    { address: 'fec0::', prefix: 10, family: 'ipv6' }, // deprecated site-local
  ],
  'shared address space (CGNAT)': [{ address: '100.64.0.0', prefix: 10, family: 'ipv4' }],
  multicast: [{ address: '224.0.0.0', prefix: 4, family: 'ipv4' }, { address: 'ff00::', prefix: 8, family: 'ipv6' }],
  'reserved or broadcast': [
    { address: '240.0.0.0', prefix: 4, family: 'ipv4' }, // includes 255.255.255.255
    { address: '192.0.0.0', prefix: 24, family: 'ipv4' },
    { address: '192.0.2.0', prefix: 24, family: 'ipv4' },
    { address: '198.18.0.0', prefix: 15, family: 'ipv4' },
    { address: '198.51.100.0', prefix: 24, family: 'ipv4' },
    { address: '203.0.113.0', prefix: 24, family: 'ipv4' },
    { address: '::', prefix: 96, family: 'ipv6' }, // IPv4-compatible (deprecated), hides v4 addresses
    { address: '64:ff9b::', prefix: 96, family: 'ipv6' }, // NAT64: reaches any IPv4 address, internal ones too
    { address: '64:ff9b:1::', prefix: 48, family: 'ipv6' },
    { address: '100::', prefix: 64, family: 'ipv6' },
    { address: '2001:db8::', prefix: 32, family: 'ipv6' },
  ],
};

const LISTS = Object.entries(REFUSED).map(([reason, ranges]) => {
  const list = new BlockList();
  for (const r of ranges) list.addSubnet(r.address, r.prefix, r.family);
  return { reason, list };
});

/** Host names that always mean "this machine" or the cloud metadata service. */
const REFUSED_NAMES = [/^localhost$/, /\.localhost$/, /^metadata\.google\.internal$/, /^metadata\.goog$/, /^metadata$/, /^instance-data(\.ec2\.internal)?$/];

/** Lower-case, without the trailing root dot or IPv6 brackets. */
export function normalizeHost(host: string): string {
  let h = host.toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  while (h.endsWith('.')) h = h.slice(0, -1);
  return h;
}

/** An IPv4-mapped IPv6 address (::ffff:a.b.c.d or ::ffff:xxxx:yyyy) as its IPv4 address. */
function unmapped(address: string): string {
  const m = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!m) return address;
  if (m[1]) return m[1];
  const hi = parseInt(m[2], 16);
  const lo = parseInt(m[3], 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Why an IP address is refused, or null when it is a public address. Not an IP → refused. */
export function refusedAddressReason(address: string): string | null {
  const a = unmapped(normalizeHost(address.replace(/%.*$/, ''))); // zone id (fe80::1%eth0) ignored
  const family = isIP(a);
  if (family === 0) return 'not an IP address';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const { reason, list } of LISTS) if (list.check(a, type)) return reason;
  return null;
}

/** Why a host name is refused before any lookup (localhost, metadata names), or null. */
export function refusedNameReason(host: string): string | null {
  const h = normalizeHost(host);
  return REFUSED_NAMES.some((re) => re.test(h)) ? 'internal host name' : null;
}

// ---- allow-list ----------------------------------------------------------------------------

export type AllowEntry =
  | { kind: 'host'; host: string; port: number | null }
  | { kind: 'cidr'; address: string; prefix: number; family: 'ipv4' | 'ipv6'; port: number | null };

export const MAX_ALLOW_ENTRIES = 50;

/**
 * Parses one allow-list entry: `crm.internal`, `crm.internal:8080`, `10.1.2.3`, `10.1.2.3:8080`,
 * `10.0.0.0/8`, `[fd00::1]:8443`, `fd00::/8`. Throws an Error with the reason when invalid.
 */
export function parseAllowEntry(raw: string): AllowEntry {
  const text = raw.trim();
  if (text.length === 0 || text.length > 260) throw new Error('empty or longer than 260 characters');
  let hostPart = text;
  let port: number | null = null;
  const bracket = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(text);
  if (bracket) {
    hostPart = bracket[1];
    port = bracket[2] ? Number(bracket[2]) : null;
  } else if (isIP(text) !== 6 && !text.includes('/')) {
    const m = /^(.*):(\d{1,5})$/.exec(text);
    if (m) {
      hostPart = m[1];
      port = Number(m[2]);
    }
  }
  if (port !== null && (port < 1 || port > 65535)) throw new Error(`port ${port} out of range`);
  const cidr = /^([^/]+)\/(\d{1,3})$/.exec(hostPart);
  if (cidr) {
    const family = isIP(cidr[1]);
    const prefix = Number(cidr[2]);
    if (family === 0) throw new Error(`"${cidr[1]}" is not an IP address`);
    if (prefix > (family === 4 ? 32 : 128)) throw new Error(`prefix /${prefix} too long`);
    return { kind: 'cidr', address: cidr[1], prefix, family: family === 4 ? 'ipv4' : 'ipv6', port };
  }
  const family = isIP(hostPart);
  if (family !== 0) return { kind: 'cidr', address: hostPart, prefix: family === 4 ? 32 : 128, family: family === 4 ? 'ipv4' : 'ipv6', port };
  const host = normalizeHost(hostPart);
  if (!/^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*$/.test(host)) throw new Error(`"${hostPart}" is not a host name, an IP address or a CIDR range`);
  return { kind: 'host', host, port };
}

/** Canonical text of an entry (what is stored and shown). */
export function formatAllowEntry(e: AllowEntry): string {
  const port = e.port === null ? '' : `:${e.port}`;
  if (e.kind === 'host') return `${e.host}${port}`;
  const full = e.prefix === (e.family === 'ipv4' ? 32 : 128);
  const base = full ? e.address : `${e.address}/${e.prefix}`;
  return e.family === 'ipv6' && port ? `[${base}]${port}` : `${base}${port}`;
}

export interface AllowList {
  /** The URL's host name is named by an entry for this port: whatever it resolves to is allowed. */
  allowsHost(host: string, port: number): boolean;
  /** The resolved address is inside an allowed range for this port. */
  allowsAddress(address: string, port: number): boolean;
}

/** Builds an allow-list; invalid entries are skipped (they were validated when saved). */
export function allowList(entries: readonly string[]): AllowList {
  const parsed: AllowEntry[] = [];
  for (const raw of entries.slice(0, MAX_ALLOW_ENTRIES)) {
    try {
      parsed.push(parseAllowEntry(raw));
    } catch {
      // skipped: never widens what is allowed
    }
  }
  const portOk = (e: AllowEntry, port: number) => e.port === null || e.port === port;
  const ranges = parsed.filter((e): e is Extract<AllowEntry, { kind: 'cidr' }> => e.kind === 'cidr').map((e) => {
    const list = new BlockList();
    list.addSubnet(e.address, e.prefix, e.family);
    return { e, list };
  });
  return {
    allowsHost(host, port) {
      const h = normalizeHost(host);
      return parsed.some((e) => e.kind === 'host' && e.host === h && portOk(e, port));
    },
    allowsAddress(address, port) {
      const a = unmapped(normalizeHost(address));
      const family = isIP(a);
      if (family === 0) return false;
      return ranges.some(({ e, list }) => portOk(e, port) && list.check(a, family === 4 ? 'ipv4' : 'ipv6'));
    },
  };
}

export const NO_ALLOW_LIST: AllowList = allowList([]);
