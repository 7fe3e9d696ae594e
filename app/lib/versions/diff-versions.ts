import type { CurrentUser } from '@/app/lib/auth/current-user';
import { notFound } from '@/app/lib/api/errors';
import { getPrisma } from '@/prisma/client';
import { diffFlows, type FlowDiff } from './diff-flows';
import { loadFlowDocument, type DocumentRef } from './load-flow-document';

export interface VersionDiffView extends FlowDiff {
  flowId: string;
  from: 'draft' | number;
  to: 'draft' | number;
}

/** The difference between two documents of a flow (draft, live or numbered versions). */
export async function diffVersions(user: Pick<CurrentUser, 'organizationId'>, flowId: string, from: DocumentRef, to: DocumentRef): Promise<VersionDiffView> {
  const prisma = getPrisma();
  const flow = await prisma.flow.findFirst({ where: { id: flowId, organizationId: user.organizationId, deletedAt: null }, select: { id: true } });
  if (!flow) throw notFound('Flow', flowId);
  const [a, b] = await Promise.all([loadFlowDocument(prisma, user, flowId, from), loadFlowDocument(prisma, user, flowId, to)]);
  return { flowId, from: a.ref, to: b.ref, ...diffFlows(a.document as never, b.document as never) };
}
