// The one way a published version comes to exist (publish, rollback, promote, and the draft
// published as canary with status 'canary'): numbered N+1 in one sequence counting both
// statuses (numbers never collide), immutable from then on (a database trigger refuses
// updates), announced to the runtime. A 'canary' version is never live: every live lookup
// reads status 'published' only.
// Call it inside a transaction that holds the flow's lock (lockFlow).
import type { CurrentUser } from '@/app/lib/auth/current-user';
import type { Tx } from '@/app/lib/db/transaction';
import { notifyFlowPublished } from './notify-flow-published';

export async function createPublishedVersion(
  tx: Tx,
  user: Pick<CurrentUser, 'id' | 'organizationId'>,
  input: { flowId: string; document: unknown; note: string | null; sourceVersionId?: string | null; revision?: number; status?: 'published' | 'canary' },
): Promise<{ id: string; number: number }> {
  const last = await tx.flowVersion.aggregate({ where: { flowId: input.flowId, status: { in: ['published', 'canary'] } }, _max: { number: true } });
  const number = (last._max.number ?? 0) + 1;
  const version = await tx.flowVersion.create({
    data: {
      organizationId: user.organizationId,
      flowId: input.flowId,
      status: input.status ?? 'published',
      number,
      revision: input.revision ?? 1,
      document: input.document as object,
      note: input.note,
      authorId: user.id,
      sourceVersionId: input.sourceVersionId ?? null,
      publishedAt: new Date(),
    },
    select: { id: true, number: true },
  });
  await tx.flow.update({ where: { id: input.flowId }, data: { updatedAt: new Date() } });
  await notifyFlowPublished(tx, { organizationId: user.organizationId, flowId: input.flowId, versionId: version.id, number });
  return { id: version.id, number };
}
