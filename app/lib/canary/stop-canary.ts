// DELETE /api/flows/:id/canary: every new call runs the live version again (calls in progress
// keep theirs). Audited; the runtime is told on the publish channel.
import type { CurrentUser } from '@/app/lib/auth/current-user';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { lockFlow } from '@/app/lib/versions/lock-flow';
import { notifyCanary } from './notify-canary';
import { noCanary } from './promote-canary';

export async function stopCanary(user: Pick<CurrentUser, 'id' | 'organizationId'>, flowId: string): Promise<void> {
  await inTransaction(async (tx) => {
    await lockFlow(tx, user.organizationId, flowId);
    const canary = await tx.flowCanary.findFirst({
      where: { flowId, organizationId: user.organizationId },
      select: { percent: true, numberIds: true, startedAt: true, version: { select: { id: true, number: true } } },
    });
    if (!canary) throw noCanary(flowId);
    await tx.flowCanary.delete({ where: { flowId } });
    await recordAudit(tx, user, {
      action: 'canary_stop',
      entityType: 'flow',
      entityId: flowId,
      details: { number: canary.version.number, versionId: canary.version.id, percent: canary.percent, numberIds: canary.numberIds, startedAt: canary.startedAt.toISOString() },
    });
    const live = await tx.flowVersion.findFirst({ where: { flowId, status: 'published' }, orderBy: { number: 'desc' }, select: { id: true, number: true } });
    if (live) await notifyCanary(tx, { organizationId: user.organizationId, flowId, versionId: live.id, number: live.number ?? 0, canary: 'stopped' });
  });
}
