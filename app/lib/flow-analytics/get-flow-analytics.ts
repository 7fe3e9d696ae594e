// GET /api/flows/:id/analytics: the flow (and version) checked in the caller's organisation, the
// query parsed in the organisation's time zone, then the counts (flow-analytics.ts).
import type { CurrentUser } from '@/app/lib/auth/current-user';
import { ApiError, notFound } from '@/app/lib/api/errors';
import { getPrisma, type PrismaClient } from '@/prisma/client';
import { parseFlowAnalyticsQuery } from './analytics-query';
import { flowAnalytics, type FlowAnalytics } from './flow-analytics';

export async function getFlowAnalytics(user: Pick<CurrentUser, 'organizationId'>, flowId: string, params: URLSearchParams, db: PrismaClient = getPrisma()): Promise<FlowAnalytics> {
  const flow = await db.flow.findFirst({ where: { id: flowId, organizationId: user.organizationId, deletedAt: null }, select: { id: true, organization: { select: { timezone: true } } } });
  if (!flow) throw notFound('Flow', flowId);
  const query = parseFlowAnalyticsQuery(params, flow.organization.timezone);
  if (query.versionId) {
    const version = await db.flowVersion.findFirst({ where: { id: query.versionId, flowId, organizationId: user.organizationId }, select: { id: true } });
    if (!version) throw new ApiError('VALIDATION_FAILED', `versionId ${query.versionId} is not a version of this flow`, { path: '/versionId' });
  }
  return flowAnalytics(db, user.organizationId, flowId, query);
}
