// PUT /api/flows/:id/canary {version, percent, numberIds?}: starts a canary or changes the
// running one. The version must be a published version of the flow other than the live one;
// the numbers must be the organisation's numbers routing to this flow. Changing the version
// restarts the comparison (startedAt); changing the share or numbers keeps it.
import type { CurrentUser } from '@/app/lib/auth/current-user';
import { ApiError } from '@/app/lib/api/errors';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { lockFlow } from '@/app/lib/versions/lock-flow';
import { loadCanaryView, type CanaryView } from './canary-view';
import { notifyCanary } from './notify-canary';

export interface CanaryInput {
  version: number;
  percent: number;
  numberIds?: string[];
}

const invalid = (path: string, message: string) => new ApiError('VALIDATION_FAILED', `${path}: ${message}`, { path, problems: [{ severity: 'error', code: 'canary.invalid', message, path }] });

export async function startCanary(user: Pick<CurrentUser, 'id' | 'organizationId'>, flowId: string, input: CanaryInput): Promise<{ canary: CanaryView; created: boolean }> {
  return inTransaction(async (tx) => {
    await lockFlow(tx, user.organizationId, flowId);
    const [version, live] = await Promise.all([
      tx.flowVersion.findFirst({ where: { flowId, number: input.version, status: 'published' }, select: { id: true, number: true } }),
      tx.flowVersion.findFirst({ where: { flowId, status: 'published' }, orderBy: { number: 'desc' }, select: { id: true, number: true } }),
    ]);
    if (!version) throw invalid('/version', `version ${input.version} is not a published version of this flow`);
    if (live && live.id === version.id) throw invalid('/version', `version ${input.version} is the live version: a canary runs another version beside it`);
    const numberIds = input.numberIds ?? [];
    if (numberIds.length) {
      const routed = new Set((await tx.phoneNumber.findMany({ where: { organizationId: user.organizationId, flowId, id: { in: numberIds } }, select: { id: true } })).map((n) => n.id));
      const bad = numberIds.findIndex((id) => !routed.has(id));
      if (bad >= 0) throw invalid(`/numberIds/${bad}`, `${numberIds[bad]} is not a number routing to this flow`);
    }
    const before = await tx.flowCanary.findUnique({ where: { flowId }, select: { versionId: true, percent: true, numberIds: true } });
    const sameVersion = before?.versionId === version.id;
    await tx.flowCanary.upsert({
      where: { flowId },
      create: { organizationId: user.organizationId, flowId, versionId: version.id, percent: input.percent, numberIds, startedById: user.id },
      update: sameVersion
        ? { percent: input.percent, numberIds }
        : { versionId: version.id, percent: input.percent, numberIds, startedAt: new Date(), startedById: user.id },
    });
    await recordAudit(tx, user, {
      action: before ? 'canary_change' : 'canary_start',
      entityType: 'flow',
      entityId: flowId,
      details: {
        number: version.number, versionId: version.id, percent: input.percent, numberIds, liveNumber: live?.number ?? null,
        ...(before ? { before: { versionId: before.versionId, percent: before.percent, numberIds: before.numberIds } } : {}),
      },
    });
    await notifyCanary(tx, { organizationId: user.organizationId, flowId, versionId: version.id, number: version.number ?? 0, canary: before ? 'changed' : 'started' });
    return { canary: (await loadCanaryView(tx, user.organizationId, flowId))!, created: !before };
  });
}
