// GET /api/flows/:id/canary → { canary: CanaryView | null, comparison: CanaryComparison | null }.
import type { CurrentUser } from '@/app/lib/auth/current-user';
import { notFound } from '@/app/lib/api/errors';
import { getPrisma } from '@/prisma/client';
import { loadCanaryView, type CanaryView } from './canary-view';
import { compareCanary, type CanaryComparison } from './compare-canary';

export interface CanaryState {
  canary: CanaryView | null;
  comparison: CanaryComparison | null;
}

export async function getCanary(user: Pick<CurrentUser, 'organizationId'>, flowId: string): Promise<CanaryState> {
  const prisma = getPrisma();
  const flow = await prisma.flow.findFirst({ where: { id: flowId, organizationId: user.organizationId, deletedAt: null }, select: { id: true } });
  if (!flow) throw notFound('Flow', flowId);
  const canary = await loadCanaryView(prisma, user.organizationId, flowId);
  if (!canary) return { canary: null, comparison: null };
  return { canary, comparison: await compareCanary(prisma, user.organizationId, flowId, new Date(canary.startedAt)) };
}
