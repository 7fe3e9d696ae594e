import { withApi } from '@/app/lib/api/handler';
import { listCalls } from '@/app/lib/calls/call-history';
import { parseCallHistoryQuery } from '@/app/lib/calls/call-history-query';
import { organizationTimeZone } from '@/app/lib/calls/organization-time-zone';
import { getPrisma } from '@/prisma/client';

export const dynamic = 'force-dynamic';

/**
 * GET /api/calls?from&to&number&flowId&groupId&agentId&outcome&caller&cursor&limit — the call
 * history, newest first, one page at a time (app/lib/calls/call-history.ts). Admins and
 * supervisors; agents get 403 (their own calls are on their console).
 */
export const GET = withApi({ roles: ['admin', 'supervisor'] }, async (req, { user }) => {
  const prisma = getPrisma();
  const { filters, page } = parseCallHistoryQuery(new URL(req.url).searchParams, await organizationTimeZone(prisma, user.organizationId));
  return listCalls(prisma, user.organizationId, filters, page);
});
