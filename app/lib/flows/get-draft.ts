import type { CurrentUser } from '@/app/lib/auth/current-user';
import { notFound } from '@/app/lib/api/errors';
import { getPrisma } from '@/prisma/client';

export interface DraftView {
  flowId: string;
  document: unknown;
  /** Send it back with the next save (optimistic concurrency). */
  revision: number;
  updatedAt: Date;
  authorId: string | null;
}

/** The draft document of a flow of the caller's organisation. */
export async function getDraft(user: Pick<CurrentUser, 'organizationId'>, flowId: string): Promise<DraftView> {
  const draft = await getPrisma().flowVersion.findFirst({
    where: { flowId, organizationId: user.organizationId, status: 'draft', flow: { deletedAt: null } },
  });
  if (!draft) throw notFound('Flow', flowId);
  return { flowId, document: draft.document, revision: draft.revision, updatedAt: draft.updatedAt, authorId: draft.authorId };
}
