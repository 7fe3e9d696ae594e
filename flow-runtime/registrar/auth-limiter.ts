// Failed digest authentications, counted per source address and per SIP username, to slow down
// and then stop password guessing (issue 11: 200 wrong passwords took 0.6 s, with no limit).
//
// The rules (README):
//   - every failure (wrong response, unknown user, To ≠ username) counts for the address, and
//     for the user when the user exists; counts reset after `windowSeconds` without failure;
//   - from the `delayAfter`-th failure of an address or user on, the failure response is held
//     back for a growing delay (baseDelayMs doubling, at most maxDelayMs): a guesser waiting
//     for answers slows down, a phone with the right password is never delayed;
//   - at `addressBanAfter` failures the address is banned for `banSeconds`: every REGISTER from
//     it is refused (503 + Retry-After) without looking at the credentials;
//   - at `userLockAfter` failures of one user (from any number of addresses) the user is
//     locked for the rest of the window, but only against addresses that already have a failure
//     on record: an address with a clean record may still try the user's password. So the real
//     phone (right password, clean address) keeps registering while one attacker is banned,
//     and an attacker spread over many addresses gets one guess per address, not more.
//   - a success resets nothing: an attacker holding one valid account must not be able to clear
//     its address's record between guesses at other accounts.
// IPv6 sources count per /64 (one host usually owns a whole /64). Memory is bounded: each table
// keeps at most `maxEntries` (least recently failed dropped first), and expired entries go.
// `exemptNetworks` (CIDR, e.g. the public address of an office whose 50 phones sit behind one
// NAT) are never banned as an address — one misconfigured phone there must not take the whole
// office off line; their failures still count for the user and are still delayed and logged.
import net from 'node:net';

export interface AuthLimiterOptions {
  delayAfter?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  addressBanAfter?: number;
  banSeconds?: number;
  userLockAfter?: number;
  windowSeconds?: number;
  maxEntries?: number;
  /** CIDR blocks (`203.0.113.7`, `198.51.100.0/24`, `2001:db8::/48`) never banned as an address. */
  exemptNetworks?: readonly string[];
  now?: () => number;
}

/** A matcher for CIDR blocks; throws on an unreadable one (so a typo fails at start-up). */
export function networkMatcher(cidrs: readonly string[]): (address: string) => boolean {
  const list = new net.BlockList();
  for (const cidr of cidrs) {
    const [addr, bits] = cidr.trim().split('/');
    const type = net.isIPv4(addr) ? 'ipv4' : net.isIPv6(addr) ? 'ipv6' : null;
    if (!type) throw new Error(`"${cidr}" is not an IP address or CIDR block`);
    const max = type === 'ipv4' ? 32 : 128;
    const prefix = bits === undefined ? max : Number(bits);
    if (!/^\d{1,3}$/.test(bits ?? String(max)) || prefix > max) throw new Error(`"${cidr}" has an invalid prefix length`);
    list.addSubnet(addr, prefix, type);
  }
  return (address) => {
    const a = address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
    const type = net.isIPv4(a) ? 'ipv4' : net.isIPv6(a) ? 'ipv6' : null;
    return type !== null && list.check(a, type);
  };
}

export interface ThrottleEntry {
  kind: 'address' | 'user';
  /** The address (or IPv6 /64) or the username. */
  key: string;
  failures: number;
  /** Requests refused without checking while banned or locked. */
  refused: number;
  firstFailureAt: number;
  lastFailureAt: number;
  /** Until when every request is refused (address), or dirty addresses are (user). */
  bannedUntil: number | null;
  lastUsername: string | null;
  lastAddress: string | null;
  /** The organisation of the agent concerned (user rows; address rows: the last known target). */
  organizationId: string | null;
}

export type LimiterVerdict = { refuse: false } | { refuse: true; reason: 'address-banned' | 'user-locked'; retryAfterS: number };

export interface FailureOutcome {
  delayMs: number;
  addressFailures: number;
  userFailures: number;
  /** This failure started a ban of the address or a lock of the user. */
  newlyBanned: 'address' | 'user' | null;
}

export interface AuthLimiter {
  /** Before looking at credentials: should this request be refused outright? */
  check(address: string, username: string | null): LimiterVerdict;
  /** Records a failure; `agent` when the username is a real agent. */
  fail(address: string, username: string, agent: { organizationId: string } | null): FailureOutcome;
  /** Entries changed since the last call (for the admin's view), at most `limit`. */
  takeChanged(limit?: number): ThrottleEntry[];
  sweep(): void;
  readonly sizes: { addresses: number; users: number };
}

/** The address key: IPv4 as is (IPv4-mapped IPv6 unwrapped), IPv6 cut to its /64. */
export function addressKey(address: string): string {
  const a = address.trim().toLowerCase();
  if (a.startsWith('::ffff:') && a.includes('.')) return a.slice(7);
  if (!a.includes(':')) return a;
  const [head, tail] = a.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

export function createAuthLimiter(opts: AuthLimiterOptions = {}): AuthLimiter {
  const now = opts.now ?? Date.now;
  const delayAfter = opts.delayAfter ?? 3;
  const baseDelayMs = opts.baseDelayMs ?? 250;
  const maxDelayMs = opts.maxDelayMs ?? 4000;
  const addressBanAfter = opts.addressBanAfter ?? 10;
  const banMs = (opts.banSeconds ?? 900) * 1000;
  const userLockAfter = opts.userLockAfter ?? 30;
  const windowMs = (opts.windowSeconds ?? 900) * 1000;
  const maxEntries = opts.maxEntries ?? 10_000;
  const exempt = networkMatcher(opts.exemptNetworks ?? []);
  const addresses = new Map<string, ThrottleEntry>();
  const users = new Map<string, ThrottleEntry>();
  const changed = new Map<string, ThrottleEntry>();

  const live = (e: ThrottleEntry | undefined, t: number): ThrottleEntry | undefined =>
    e && (t - e.lastFailureAt <= windowMs || (e.bannedUntil !== null && e.bannedUntil > t)) ? e : undefined;

  function touch(table: Map<string, ThrottleEntry>, kind: ThrottleEntry['kind'], key: string, t: number): ThrottleEntry {
    let e = live(table.get(key), t);
    table.delete(key); // re-inserted last: Map order is then least recently failed first
    if (!e) {
      e = { kind, key, failures: 0, refused: 0, firstFailureAt: t, lastFailureAt: t, bannedUntil: null, lastUsername: null, lastAddress: null, organizationId: null };
    }
    table.set(key, e);
    while (table.size > maxEntries) table.delete(table.keys().next().value as string);
    return e;
  }

  const markChanged = (e: ThrottleEntry) => changed.set(`${e.kind}:${e.key}`, e);

  return {
    check(address, username) {
      const t = now();
      const a = live(addresses.get(addressKey(address)), t);
      if (a?.bannedUntil && a.bannedUntil > t) {
        a.refused++;
        markChanged(a);
        return { refuse: true, reason: 'address-banned', retryAfterS: Math.ceil((a.bannedUntil - t) / 1000) };
      }
      const u = username === null ? undefined : live(users.get(username), t);
      if (u?.bannedUntil && u.bannedUntil > t && a && a.failures > 0) {
        u.refused++;
        markChanged(u);
        return { refuse: true, reason: 'user-locked', retryAfterS: Math.ceil((u.bannedUntil - t) / 1000) };
      }
      return { refuse: false };
    },

    fail(address, username, agent) {
      const t = now();
      const a = touch(addresses, 'address', addressKey(address), t);
      a.failures++;
      a.lastFailureAt = t;
      a.lastUsername = username;
      a.lastAddress = address;
      if (agent) a.organizationId = agent.organizationId;
      let newlyBanned: FailureOutcome['newlyBanned'] = null;
      if (a.failures >= addressBanAfter && !(a.bannedUntil && a.bannedUntil > t) && !exempt(address)) {
        a.bannedUntil = t + banMs;
        newlyBanned = 'address';
      }
      markChanged(a);
      let userFailures = 0;
      if (agent) {
        const u = touch(users, 'user', username, t);
        u.failures++;
        u.lastFailureAt = t;
        u.lastUsername = username;
        u.lastAddress = address;
        u.organizationId = agent.organizationId;
        if (u.failures >= userLockAfter && !(u.bannedUntil && u.bannedUntil > t)) {
          u.bannedUntil = t + windowMs;
          newlyBanned ??= 'user';
        }
        markChanged(u);
        userFailures = u.failures;
      }
      const worst = Math.max(a.failures, userFailures);
      const delayMs = worst < delayAfter ? 0 : Math.min(maxDelayMs, baseDelayMs * 2 ** (worst - delayAfter));
      return { delayMs, addressFailures: a.failures, userFailures, newlyBanned };
    },

    takeChanged(limit = 500) {
      const out: ThrottleEntry[] = [];
      for (const [k, e] of changed) {
        if (out.length >= limit) break;
        changed.delete(k);
        out.push({ ...e });
      }
      return out;
    },

    sweep() {
      const t = now();
      for (const table of [addresses, users]) for (const [k, e] of table) if (!live(e, t)) table.delete(k);
      while (changed.size > maxEntries * 2) changed.delete(changed.keys().next().value as string);
    },

    get sizes() {
      return { addresses: addresses.size, users: users.size };
    },
  };
}
