import type { CurrentUser } from '@/app/lib/auth/current-user';
import { ApiError, notFound } from '@/app/lib/api/errors';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { checkPublishable } from './check-publishable';
import { createPublishedVersion } from './create-published-version';
import { draftHasUnpublishedChanges } from './draft-changes';
import { getVersion } from './get-version';
import { lockFlow } from './lock-flow';
import type { VersionDetailView } from './version-view';

export interface RollbackInput {
  note?: string | null;
  /**
   * true: the draft becomes the rolled-back document (the next edit starts from what is live);
   * false: the draft is kept as it is. Absent: replaced only when it holds nothing unpublished,
   * else 409 at /replaceDraft (unpublished work is never discarded unasked).
   */
  replaceDraft?: boolean;
}

/**
 * Publishes an older version again as version N+1 (its document, unchanged) and, as asked,
 * resets the draft to it or keeps it. The older version was validated
 * when it was published; it is checked again for errors only (a sound or group it uses may
 * have been deleted since), its warnings having been acknowledged then.
 */
export async function rollbackVersion(
  user: Pick<CurrentUser, 'id' | 'organizationId' | 'locale'>,
  flowId: string,
  number: number,
  input: RollbackInput,
): Promise<VersionDetailView> {
  return inTransaction(async (tx) => {
    await lockFlow(tx, user.organizationId, flowId);
    const source = await tx.flowVersion.findFirst({ where: { flowId, number, status: 'published' }, select: { id: true, document: true, revision: true } });
    if (!source) throw notFound(`Version ${number} of flow`, flowId);
    await checkPublishable(tx, user.organizationId, source.document, { acknowledgeWarnings: true, what: `Version ${number}` });
    const prefix = user.locale === 'fr' ? `Retour à la version ${number}` : `Rollback to version ${number}`;
    const extra = input.note?.trim();
    const note = extra ? `${prefix}: ${extra}` : prefix;
    const draft = await tx.flowVersion.findFirst({ where: { flowId, status: 'draft' }, select: { id: true, revision: true } });
    const replaceDraft = input.replaceDraft ?? !(await draftHasUnpublishedChanges(tx, flowId));
    if (input.replaceDraft === undefined && !replaceDraft) {
      throw new ApiError('CONFLICT', '/replaceDraft: the draft has changes that are not published; send replaceDraft true (they are lost) or false (the draft is kept)', {
        path: '/replaceDraft',
        details: { reason: 'DRAFT_HAS_UNPUBLISHED_CHANGES' },
      });
    }
    let draftRevision: number;
    if (draft && !replaceDraft) {
      // The draft stays as it is: the new version is the old one's copy, not a publish of the draft.
      draftRevision = source.revision;
    } else if (draft) {
      const saved = await tx.flowVersion.update({
        where: { id: draft.id },
        data: { document: source.document as object, revision: { increment: 1 }, authorId: user.id },
        select: { revision: true },
      });
      draftRevision = saved.revision;
    } else {
      await tx.flowVersion.create({
        data: { organizationId: user.organizationId, flowId, status: 'draft', revision: 1, document: source.document as object, authorId: user.id },
      });
      draftRevision = 1;
    }
    const version = await createPublishedVersion(tx, user, { flowId, document: source.document, note, sourceVersionId: source.id, revision: draftRevision });
    await recordAudit(tx, user, {
      action: 'rollback',
      entityType: 'flow',
      entityId: flowId,
      details: { number: version.number, versionId: version.id, sourceNumber: number, sourceVersionId: source.id, note, draftRevision, draftReplaced: !draft || replaceDraft },
    });
    return getVersion(user, flowId, version.number, tx);
  });
}
