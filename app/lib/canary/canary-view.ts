// What the API answers about a flow's canary (GET/PUT /api/flows/:id/canary).
import type { Db } from '@/app/lib/db/transaction';

export interface CanaryView {
  flowId: string;
  version: { id: string; number: number };
  /** The live version the other calls run (newest published). */
  liveVersion: { id: string; number: number } | null;
  percent: number;
  /** The numbers it applies to; empty = every number routing to the flow. */
  numbers: { id: string; e164: string; label: string | null }[];
  startedAt: string;
  startedBy: { id: string; name: string } | null;
}

/** The flow's canary, or null when none runs. */
export async function loadCanaryView(db: Db, organizationId: string, flowId: string): Promise<CanaryView | null> {
  const row = await db.flowCanary.findFirst({
    where: { flowId, organizationId },
    select: { flowId: true, percent: true, numberIds: true, startedAt: true, startedById: true, version: { select: { id: true, number: true } } },
  });
  if (!row) return null;
  const [live, numbers, user] = await Promise.all([
    db.flowVersion.findFirst({ where: { flowId, status: 'published' }, orderBy: { number: 'desc' }, select: { id: true, number: true } }),
    row.numberIds.length ? db.phoneNumber.findMany({ where: { organizationId, id: { in: row.numberIds } }, select: { id: true, e164: true, label: true }, orderBy: { e164: 'asc' } }) : [],
    row.startedById ? db.user.findUnique({ where: { id: row.startedById }, select: { id: true, name: true } }) : null,
  ]);
  return {
    flowId: row.flowId,
    version: { id: row.version.id, number: row.version.number ?? 0 },
    liveVersion: live ? { id: live.id, number: live.number ?? 0 } : null,
    percent: row.percent,
    numbers,
    startedAt: row.startedAt.toISOString(),
    startedBy: user,
  };
}
