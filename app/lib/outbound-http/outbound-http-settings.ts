// The organisation's outbound HTTP allow-list: internal hosts its flows' HTTP steps may reach
// (flow-runtime/outbound-http refuses every internal address otherwise). Admins read and
// replace it; every change is audited with the list before and after.
import type { CurrentUser } from '@/app/lib/auth/current-user';
import { ApiError } from '@/app/lib/api/errors';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { getPrisma } from '@/prisma/client';
import { formatAllowEntry, parseAllowEntry } from '@/flow-runtime/outbound-http/address-policy';

export interface OutboundHttpSettings {
  allowedHosts: string[];
}

export async function getOutboundHttpSettings(user: Pick<CurrentUser, 'organizationId'>): Promise<OutboundHttpSettings> {
  const org = await getPrisma().organization.findUnique({ where: { id: user.organizationId }, select: { outboundHttpAllow: true } });
  return { allowedHosts: org?.outboundHttpAllow ?? [] };
}

/** Each entry parsed and written canonically; the first invalid one is a 400 naming it. */
export function canonicalAllowedHosts(entries: readonly string[]): string[] {
  const out: string[] = [];
  entries.forEach((raw, i) => {
    let canonical: string;
    try {
      canonical = formatAllowEntry(parseAllowEntry(raw));
    } catch (err) {
      throw new ApiError('VALIDATION_FAILED', `/allowedHosts/${i}: ${(err as Error).message}`, {
        path: `/allowedHosts/${i}`,
        problems: [{ path: `/allowedHosts/${i}`, code: 'outbound.allowEntry', message: (err as Error).message }],
      });
    }
    if (!out.includes(canonical)) out.push(canonical);
  });
  return out;
}

export async function updateOutboundHttpSettings(user: Pick<CurrentUser, 'id' | 'organizationId'>, input: OutboundHttpSettings): Promise<OutboundHttpSettings> {
  const allowedHosts = canonicalAllowedHosts(input.allowedHosts);
  return inTransaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: user.organizationId }, select: { outboundHttpAllow: true } });
    await tx.organization.update({ where: { id: user.organizationId }, data: { outboundHttpAllow: allowedHosts } });
    await recordAudit(tx, user, {
      action: 'update', entityType: 'organization', entityId: user.organizationId,
      details: { setting: 'outboundHttpAllow', before: before.outboundHttpAllow, after: allowedHosts },
    });
    return { allowedHosts };
  });
}
