// PUT /api/flows/:id/canary {version, percent, numberIds?}: starts a canary or changes the
// running one. The version must be a published version of the flow other than the live one,
// or "draft": the draft is published as a canary version (status 'canary', numbered N+1 in the
// published sequence, never live) after the same checks as publish, in the same transaction;
// the draft's saved test cases must pass (or their failure be acknowledged);
// the numbers must be the organisation's numbers routing to this flow. Changing the version
// restarts the comparison (startedAt); changing the share or numbers keeps it.
import type { CurrentUser } from '@/app/lib/auth/current-user';
import { ApiError, notFound } from '@/app/lib/api/errors';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { checkFlowTests } from '@/app/lib/versions/check-flow-tests';
import { checkPublishable } from '@/app/lib/versions/check-publishable';
import { createPublishedVersion } from '@/app/lib/versions/create-published-version';
import { lockFlow } from '@/app/lib/versions/lock-flow';
import { loadCanaryView, type CanaryView } from './canary-view';
import { notifyCanary } from './notify-canary';

export interface CanaryInput {
  /** A published version's number, or "draft": publish the draft as a canary version. */
  version: number | 'draft';
  percent: number;
  numberIds?: string[];
  /** With version "draft": publish although the draft has warnings. */
  acknowledgeWarnings?: boolean;
  /** With version "draft": publish it as canary although some of its saved test cases fail. */
  acknowledgeFailingTests?: boolean;
  /** With version "draft": the draft revision reviewed; 409 if the draft changed since. */
  expectedRevision?: number;
  /** With version "draft": the canary version's note. */
  note?: string | null;
}

const invalid = (path: string, message: string) => new ApiError('VALIDATION_FAILED', `${path}: ${message}`, { path, problems: [{ severity: 'error', code: 'canary.invalid', message, path }] });

export async function startCanary(user: Pick<CurrentUser, 'id' | 'organizationId'>, flowId: string, input: CanaryInput): Promise<{ canary: CanaryView; created: boolean }> {
  return inTransaction(async (tx) => {
    await lockFlow(tx, user.organizationId, flowId);
    const live = await tx.flowVersion.findFirst({ where: { flowId, status: 'published' }, orderBy: { number: 'desc' }, select: { id: true, number: true } });
    const numberIds = input.numberIds ?? [];
    if (numberIds.length) {
      const routed = new Set((await tx.phoneNumber.findMany({ where: { organizationId: user.organizationId, flowId, id: { in: numberIds } }, select: { id: true } })).map((n) => n.id));
      const bad = numberIds.findIndex((id) => !routed.has(id));
      if (bad >= 0) throw invalid(`/numberIds/${bad}`, `${numberIds[bad]} is not a number routing to this flow`);
    }
    let version: { id: string; number: number | null };
    let fromDraft: { revision: number; acknowledgedWarnings: number } | null = null;
    let failingTests: { caseId: string; name: string }[] = [];
    if (input.version === 'draft') {
      // a canary runs beside the live version: without one, publish the draft normally
      if (!live) throw invalid('/version', 'the flow has no live version yet: publish the draft first, then try later drafts as canary');
      const draft = await tx.flowVersion.findFirst({ where: { flowId, status: 'draft' }, select: { document: true, revision: true } });
      if (!draft) throw notFound('Draft of flow', flowId);
      if (input.expectedRevision !== undefined && input.expectedRevision !== draft.revision) {
        throw new ApiError(
          'CONFLICT',
          `The draft changed since you reviewed it (revision ${draft.revision}, you reviewed ${input.expectedRevision}); review it again before publishing`,
          { path: '/expectedRevision', details: { currentRevision: draft.revision } },
        );
      }
      // the same checks as publish: errors → 400, warnings → 409 unless acknowledged
      const warnings = await checkPublishable(tx, user.organizationId, draft.document, { acknowledgeWarnings: input.acknowledgeWarnings === true, what: 'The draft' });
      // and its saved test cases, like publish: a failing case → 409 TESTS_FAILING unless acknowledged
      const organization = await tx.organization.findUniqueOrThrow({ where: { id: user.organizationId }, select: { id: true, timezone: true } });
      const tests = await checkFlowTests(tx, organization, flowId, draft.document, { acknowledgeFailingTests: input.acknowledgeFailingTests === true, what: 'The draft' });
      failingTests = tests.failing.map((c) => ({ caseId: c.caseId, name: c.name }));
      version = await createPublishedVersion(tx, user, { flowId, document: draft.document, note: input.note?.trim() || null, revision: draft.revision, status: 'canary' });
      fromDraft = { revision: draft.revision, acknowledgedWarnings: warnings.length };
    } else {
      const found = await tx.flowVersion.findFirst({ where: { flowId, number: input.version, status: { in: ['published', 'canary'] } }, select: { id: true, number: true } });
      if (!found) throw invalid('/version', `version ${input.version} is not a published version of this flow`);
      if (live && live.id === found.id) throw invalid('/version', `version ${input.version} is the live version: a canary runs another version beside it`);
      version = found;
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
        ...(fromDraft ? { fromDraft: true, draftRevision: fromDraft.revision, acknowledgedWarnings: fromDraft.acknowledgedWarnings, acknowledgedFailingTests: failingTests } : {}),
        ...(before ? { before: { versionId: before.versionId, percent: before.percent, numberIds: before.numberIds } } : {}),
      },
    });
    await notifyCanary(tx, { organizationId: user.organizationId, flowId, versionId: version.id, number: version.number ?? 0, canary: before ? 'changed' : 'started' });
    return { canary: (await loadCanaryView(tx, user.organizationId, flowId))!, created: !before };
  });
}
