// Replay protection for digest: the highest `nc` accepted per nonce (RFC 7616 §3.4: the count
// must strictly increase). Nonces stay stateless and signed (digest.ts); only nonces that have
// authenticated a request are remembered, until they expire.
//
// Memory is bounded: at most `maxEntries` nonces. When full, the oldest entries are dropped and
// `floor` rises to the latest expiry dropped; from then on any nonce expiring at or before
// `floor` that is not in the table is treated as stale (the phone gets a fresh nonce with
// stale=true and retries silently), so dropping an entry can never re-open it to a replay.
//
// Per runtime, in memory (chosen over a database row per REGISTER: no write on the hot path, no
// lock between runtimes): with several runtimes sharing SIP_NONCE_SECRET, each keeps its own
// table, so a captured header could be replayed once on each other runtime while its nonce
// lives (SIP_NONCE_TTL_SECONDS, 300 s by default).

export interface NonceCounts {
  /**
   * Records `nc` for `nonce` when it is higher than every count seen for it: 'ok'. 'replay' when
   * it is not; 'forgotten' when the nonce is older than what the table can still vouch for.
   * Synchronous, so two requests racing with the same nc cannot both pass.
   */
  use(nonce: string, expiresAt: number, nc: number): 'ok' | 'replay' | 'forgotten';
  /** Drops expired entries. */
  sweep(): void;
  readonly size: number;
}

export function createNonceCounts(opts: { maxEntries?: number; now?: () => number } = {}): NonceCounts {
  const maxEntries = opts.maxEntries ?? 50_000;
  const now = opts.now ?? Date.now;
  const seen = new Map<string, { nc: number; expiresAt: number }>();
  let floor = 0;

  function sweep() {
    const t = now();
    for (const [nonce, e] of seen) if (e.expiresAt < t) seen.delete(nonce);
  }

  return {
    use(nonce, expiresAt, nc) {
      const entry = seen.get(nonce);
      if (entry) {
        if (nc <= entry.nc) return 'replay';
        entry.nc = nc;
        return 'ok';
      }
      if (expiresAt <= floor) return 'forgotten';
      if (seen.size >= maxEntries) {
        sweep();
        // still full: drop the oldest (Map keeps insertion order), remembering how far back
        for (const [old, e] of seen) {
          if (seen.size < maxEntries) break;
          seen.delete(old);
          floor = Math.max(floor, e.expiresAt);
        }
        if (expiresAt <= floor) return 'forgotten';
      }
      seen.set(nonce, { nc, expiresAt });
      return 'ok';
    },
    sweep,
    get size() {
      return seen.size;
    },
  };
}
