// Whose identity headers are believed. P-Asserted-Identity (RFC 3325) is an assertion made
// inside a trust domain: a carrier's trunk asserts the caller it authenticated. From anyone
// else it is just text the sender chose, so a caller on the internet could present any number
// to the flows (filter steps, callbacks, the call records). It is believed only from:
//   - the configured trunk: TRUNK_HOST resolved to its addresses (re-resolved every 5 min),
//     and for UDP the TRUNK_PORT too (a TCP peer's source port is ephemeral);
//   - SIP_TRUSTED_PEERS: comma-separated IPv4/IPv6 addresses or CIDRs (e.g. an SBC in front).
// The source address is drachtio-srf's req.source_address (the edge's network meta), never a
// header. No other identity header (Remote-Party-ID, Diversion, History-Info) is read.
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { Logger } from './sip-types';

export interface IdentityPeerSource {
  source_address?: string;
  source_port?: number;
}

type Rule = { address: string; prefix: number; family: 'ipv4' | 'ipv6' };

/** ::ffff:192.0.2.1 → 192.0.2.1; [::1] → ::1; lower case. */
function plainAddress(address: string): string {
  const a = address.trim().replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  return mapped ? mapped[1] : a;
}

/** One SIP_TRUSTED_PEERS item (address or CIDR), or an error message saying what is wrong. */
function parseRule(item: string): Rule | string {
  const [addr, bits, ...rest] = item.split('/');
  const address = plainAddress(addr ?? '');
  const version = isIP(address);
  if (rest.length > 0 || version === 0) return `"${item}" is not an IP address or CIDR (e.g. 192.0.2.10, 10.0.0.0/8, 2001:db8::/32)`;
  const max = version === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
  if (!(prefix >= 0 && prefix <= max)) return `"${item}": the prefix length must be 0 to ${max}`;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** Parses SIP_TRUSTED_PEERS; throws an Error naming the bad item. */
export function parseTrustedPeers(value: string | undefined): string[] {
  if (!value || value.trim() === '') return [];
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length > 1000) throw new Error('at most 1000 addresses or CIDRs');
  for (const item of items) {
    const rule = parseRule(item);
    if (typeof rule === 'string') throw new Error(rule);
  }
  return items;
}

export interface IdentityTrustOptions {
  trunk?: { host: string; port: number; transport: 'udp' | 'tcp' } | null;
  trustedPeers?: readonly string[];
  log?: Logger;
  /** How often TRUNK_HOST is resolved again (default 5 minutes). */
  refreshMs?: number;
}

export class IdentityTrust {
  private readonly peers = new BlockList();
  private trunkAddresses = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  /** Settles once the trunk's addresses are known (at once for an IP literal). */
  readonly ready: Promise<void>;

  constructor(private readonly opts: IdentityTrustOptions = {}) {
    for (const item of opts.trustedPeers ?? []) {
      const rule = parseRule(item);
      if (typeof rule === 'string') throw new Error(`SIP_TRUSTED_PEERS: ${rule}`);
      this.peers.addSubnet(rule.address, rule.prefix, rule.family);
    }
    const host = opts.trunk?.host;
    if (!host) this.ready = Promise.resolve();
    else if (isIP(plainAddress(host))) {
      this.trunkAddresses.add(plainAddress(host));
      this.ready = Promise.resolve();
    } else {
      this.ready = this.resolveTrunk(host);
      this.timer = setInterval(() => void this.resolveTrunk(host), opts.refreshMs ?? 300_000);
      this.timer.unref();
    }
  }

  private async resolveTrunk(host: string): Promise<void> {
    try {
      const found = await lookup(host, { all: true });
      this.trunkAddresses = new Set(found.map((a) => plainAddress(a.address)));
    } catch (err) {
      // keep the previous addresses; until the first success the trunk's PAI is not believed (From is used)
      this.opts.log?.warn({ host, err: (err as Error).message }, 'TRUNK_HOST could not be resolved: its P-Asserted-Identity is not trusted meanwhile');
    }
  }

  /** True when `req` came from the trunk or a trusted peer, so its P-Asserted-Identity is believed. */
  isTrusted(req: IdentityPeerSource): boolean {
    if (!req.source_address) return false;
    const address = plainAddress(req.source_address);
    const trunk = this.opts.trunk;
    if (trunk && this.trunkAddresses.has(address) && (trunk.transport === 'tcp' || req.source_port === trunk.port)) return true;
    const family = isIP(address);
    if (family === 0) return false;
    return this.peers.check(address, family === 4 ? 'ipv4' : 'ipv6');
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
