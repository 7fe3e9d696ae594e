// What admins see of password guessing against agents' SIP accounts: the failure counts and
// bans the runtime's registrar keeps (flow-runtime/registrar/auth-limiter.ts) and copies into
// SipAuthThrottle every few seconds. Read-only: the runtime decides, this only shows it.
import type { CurrentUser } from '@/app/lib/auth/current-user';
import { getPrisma } from '@/prisma/client';

export interface SipSecurityEntryView {
  /** `address`: a source address (IPv6: its /64); `user`: a SIP username. */
  kind: 'address' | 'user';
  key: string;
  failures: number;
  /** Requests refused without checking while banned or locked. */
  refused: number;
  /** Address: every REGISTER from it is refused until then. User: addresses that already failed are. */
  bannedUntil: Date | null;
  banned: boolean;
  lastUsername: string | null;
  lastAddress: string | null;
  firstFailureAt: Date;
  lastFailureAt: Date;
}

export interface SipSecurityView {
  entries: SipSecurityEntryView[];
  /** Active bans and locks among `entries`. */
  activeBans: number;
}

export const SIP_SECURITY_LIMIT = 200;

/**
 * The organisation's entries: users that are its agents, addresses that last tried one of its
 * agents, and addresses that tried only unknown usernames (organizationId null: scanners,
 * shown to every organisation of the deployment since they hit its SIP address as a whole).
 * Bans first, then the most recent failures.
 */
export async function listSipSecurity(user: Pick<CurrentUser, 'organizationId'>, now = new Date()): Promise<SipSecurityView> {
  const rows = await getPrisma().sipAuthThrottle.findMany({
    where: { OR: [{ organizationId: user.organizationId }, { organizationId: null }] },
    orderBy: [{ bannedUntil: { sort: 'desc', nulls: 'last' } }, { lastFailureAt: 'desc' }],
    take: SIP_SECURITY_LIMIT,
  });
  const entries = rows.map((r) => ({
    kind: r.kind === 'user' ? ('user' as const) : ('address' as const),
    key: r.key,
    failures: r.failures,
    refused: r.refused,
    bannedUntil: r.bannedUntil,
    banned: r.bannedUntil !== null && r.bannedUntil > now,
    lastUsername: r.lastUsername,
    lastAddress: r.lastAddress,
    firstFailureAt: r.firstFailureAt,
    lastFailureAt: r.lastFailureAt,
  }));
  return { entries, activeBans: entries.filter((e) => e.banned).length };
}
