import type { CurrentUser } from '@/app/lib/auth/current-user';
import { getPrisma } from '@/prisma/client';
import { flowInclude, toFlowView, type FlowView } from './flow-view';

/** The organisation's flows (deleted ones excluded), most recently changed first. */
export async function listFlows(user: Pick<CurrentUser, 'organizationId'>): Promise<FlowView[]> {
  const flows = await getPrisma().flow.findMany({
    where: { organizationId: user.organizationId, deletedAt: null },
    include: flowInclude,
    orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
  });
  return flows.map(toFlowView);
}
