// POST /api/flows/:id/canary/promote {note?}: the canary version's document is published as
// version N+1 (like a rollback: same document, sourceVersionId, a note saying so), so every new
// call runs it, and the canary ends. The draft is left as it is. One transaction, audited.
import type { CurrentUser } from '@/app/lib/auth/current-user';
import { ApiError } from '@/app/lib/api/errors';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { checkPublishable } from '@/app/lib/versions/check-publishable';
import { createPublishedVersion } from '@/app/lib/versions/create-published-version';
import { getVersion } from '@/app/lib/versions/get-version';
import { lockFlow } from '@/app/lib/versions/lock-flow';
import type { VersionDetailView } from '@/app/lib/versions/version-view';

export const noCanary = (flowId: string) => new ApiError('NOT_FOUND', `Flow ${flowId} has no canary running`);

export async function promoteCanary(
  user: Pick<CurrentUser, 'id' | 'organizationId' | 'locale'>,
  flowId: string,
  input: { note?: string | null },
): Promise<VersionDetailView> {
  return inTransaction(async (tx) => {
    await lockFlow(tx, user.organizationId, flowId);
    const canary = await tx.flowCanary.findFirst({
      where: { flowId, organizationId: user.organizationId },
      select: { percent: true, startedAt: true, version: { select: { id: true, number: true, document: true, revision: true } } },
    });
    if (!canary) throw noCanary(flowId);
    const source = canary.version;
    // validated when it was published; checked again for errors (a sound or group may be gone)
    await checkPublishable(tx, user.organizationId, source.document, { acknowledgeWarnings: true, what: `Version ${source.number}` });
    const prefix = user.locale === 'fr' ? `Version ${source.number} (canari) promue` : `Canary version ${source.number} promoted`;
    const extra = input.note?.trim();
    const note = extra ? `${prefix}: ${extra}` : prefix;
    const version = await createPublishedVersion(tx, user, { flowId, document: source.document, note, sourceVersionId: source.id, revision: source.revision });
    await tx.flowCanary.delete({ where: { flowId } });
    await recordAudit(tx, user, {
      action: 'canary_promote',
      entityType: 'flow',
      entityId: flowId,
      details: { number: version.number, versionId: version.id, sourceNumber: source.number, sourceVersionId: source.id, percent: canary.percent, startedAt: canary.startedAt.toISOString(), note },
    });
    return getVersion(user, flowId, version.number, tx);
  });
}
