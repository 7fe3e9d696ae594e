// Password-guessing limits on sign-in (POST /api/auth/sign-in/email). Only failed sign-ins count;
// a refused (locked) try does not check the password. The rules (see README.md):
// - per address (IPv6 by /64): 20 failures in 15 min, then a lock of 1 s doubling per
//   further failure, at most 5 min. Bounds one machine guessing over many accounts; a whole
//   contact centre behind one NAT address keeps room for typos.
// - per account + address: 3 failures, then a lock of 10 s doubling, at most 15 min. Bounds one
//   attacker on one account; the address is the socket's (X-Forwarded-For only via a trusted
//   proxy), so rotating that header changes nothing.
// - per account, over all addresses: after 20 failures in 15 min the account is "under attack":
//   an address that has not signed in to it in the last 30 days then gets 1 failure
//   (instead of 3) before its account+address lock. The account itself is never locked as a
//   whole, so a real user from a clean address (or from where they usually sign in) can still
//   sign in while an attacker elsewhere is being slowed down: no global or per-account lock-out.
// Memory: each table holds at most 50,000 keys (oldest dropped first).
import { addressBucket } from './client-address';
import { FailureCounter, RecentSet, type LockRule } from './failure-counter';

const MINUTE = 60_000;

export const SIGN_IN_RULES = {
  address: { free: 20, baseLockMs: 1_000, maxLockMs: 5 * MINUTE, forgetAfterMs: 15 * MINUTE },
  pair: { free: 3, baseLockMs: 10_000, maxLockMs: 15 * MINUTE, forgetAfterMs: 15 * MINUTE },
  pairUnderAttack: { free: 1, baseLockMs: 10_000, maxLockMs: 15 * MINUTE, forgetAfterMs: 15 * MINUTE },
  /** Failures on one account (all addresses) that make it "under attack". */
  accountUnderAttack: 20,
  accountForgetAfterMs: 15 * MINUTE,
  knownAddressMs: 30 * 24 * 60 * MINUTE,
  maxKeys: 50_000,
} as const;

export interface SignInAttempt {
  /** Lower-cased email as typed (unknown accounts are counted too, so no difference shows). */
  account: string;
  /** The client address, or null when unknown (then only the account+unknown pair counts). */
  address: string | null;
}

export class SignInLimiter {
  private readonly byAddress: FailureCounter;
  private readonly byPair: FailureCounter;
  private readonly byAccount: FailureCounter;
  private readonly known: RecentSet;

  constructor(now: () => number = Date.now) {
    const max = SIGN_IN_RULES.maxKeys;
    this.byAddress = new FailureCounter('sign-in address', max, now);
    this.byPair = new FailureCounter('sign-in account+address', max, now);
    this.byAccount = new FailureCounter('sign-in account', max, now);
    this.known = new RecentSet(max, SIGN_IN_RULES.knownAddressMs, now);
  }

  private keys({ account, address }: SignInAttempt) {
    const bucket = address ? addressBucket(address) : 'unknown';
    return { address: address ? bucket : null, pair: `${account}\n${bucket}`, account };
  }

  /** Milliseconds to wait before this attempt may check a password (0: go ahead). */
  retryAfterMs(attempt: SignInAttempt): number {
    const k = this.keys(attempt);
    return Math.max(k.address ? this.byAddress.lockedFor(k.address) : 0, this.byPair.lockedFor(k.pair));
  }

  /** Records a wrong email or password; returns the lock it starts, for the log. */
  failed(attempt: SignInAttempt): number {
    const k = this.keys(attempt);
    const addressLock = k.address ? this.byAddress.fail(k.address, SIGN_IN_RULES.address) : 0;
    const accountFailures = this.byAccount.failures(k.account, { forgetAfterMs: SIGN_IN_RULES.accountForgetAfterMs }) + 1;
    this.byAccount.fail(k.account, { free: Infinity, baseLockMs: 0, maxLockMs: 0, forgetAfterMs: SIGN_IN_RULES.accountForgetAfterMs });
    const underAttack = accountFailures >= SIGN_IN_RULES.accountUnderAttack && !this.known.has(k.pair);
    const pairRule: LockRule = underAttack ? SIGN_IN_RULES.pairUnderAttack : SIGN_IN_RULES.pair;
    const pairLock = this.byPair.fail(k.pair, pairRule);
    const lock = Math.max(addressLock, pairLock);
    if (lock > 0) {
      const why = addressLock >= pairLock ? `address ${k.address}` : `account ${attempt.account} from ${k.address ?? 'an unknown address'}${underAttack ? ' (account under attack)' : ''}`;
      console.warn(`auth: sign-in locked for ${Math.ceil(lock / 1000)} s: too many failures for ${why}`);
    }
    return lock;
  }

  /** A successful sign-in: the pair is forgotten and the address becomes known for the account. */
  succeeded(attempt: SignInAttempt): void {
    const k = this.keys(attempt);
    this.byPair.clear(k.pair);
    this.known.add(k.pair);
  }
}

const globalLimiter = globalThis as unknown as { relaisSignInLimiter?: SignInLimiter };

/** The process-wide limiter (sign-ins all go through this one process). */
export function getSignInLimiter(): SignInLimiter {
  globalLimiter.relaisSignInLimiter ??= new SignInLimiter();
  return globalLimiter.relaisSignInLimiter;
}
