import type { CurrentUser } from '@/app/lib/auth/current-user';
import { ApiError, notFound, type ApiProblem } from '@/app/lib/api/errors';
import { recordAudit } from '@/app/lib/audit/record-audit';
import { inTransaction } from '@/app/lib/db/transaction';
import { checkFlowDocument } from './check-flow-document';

export interface SaveDraftInput {
  document: Record<string, unknown>;
  /** The revision the client read; the save is refused if the draft changed since. */
  revision: number;
}

export interface SaveDraftResult {
  flowId: string;
  revision: number;
  updatedAt: Date;
  /** Warnings (e.g. unreachable steps) the editor can show; errors never get this far. */
  problems: ApiProblem[];
}

/**
 * Replaces a flow's draft document after validating it (schema, graph, references in the
 * organisation). Optimistic concurrency: the update only matches the expected revision, so
 * of two editors saving from the same revision exactly one wins; the other gets 409.
 */
export async function saveDraft(user: Pick<CurrentUser, 'id' | 'organizationId'>, flowId: string, input: SaveDraftInput): Promise<SaveDraftResult> {
  return inTransaction(async (tx) => {
    const draft = await tx.flowVersion.findFirst({
      where: { flowId, organizationId: user.organizationId, status: 'draft', flow: { deletedAt: null } },
      select: { id: true, revision: true },
    });
    if (!draft) throw notFound('Flow', flowId);
    if (draft.revision !== input.revision) throw staleRevision(input.revision, draft.revision);
    const problems = await checkFlowDocument(tx, user.organizationId, input.document, '/document');
    const { count } = await tx.flowVersion.updateMany({
      where: { id: draft.id, revision: input.revision },
      data: { document: input.document as object, revision: { increment: 1 }, authorId: user.id },
    });
    if (count === 0) {
      const now = await tx.flowVersion.findUnique({ where: { id: draft.id }, select: { revision: true } });
      throw staleRevision(input.revision, now?.revision ?? input.revision + 1);
    }
    const saved = await tx.flowVersion.findUniqueOrThrow({ where: { id: draft.id }, select: { revision: true, updatedAt: true } });
    await tx.flow.update({ where: { id: flowId }, data: { updatedAt: new Date() } });
    await recordAudit(tx, user, { action: 'update', entityType: 'flow_draft', entityId: flowId, details: { revision: saved.revision } });
    return { flowId, revision: saved.revision, updatedAt: saved.updatedAt, problems };
  });
}

function staleRevision(sent: number, current: number): ApiError {
  return new ApiError(
    'CONFLICT',
    `The draft was changed by someone else (revision ${current}, you edited revision ${sent}); reload it and apply your changes again`,
    { path: '/revision', details: { currentRevision: current } },
  );
}
