import { withApi } from '@/app/lib/api/handler';
import { STATS_READERS } from '@/app/lib/auth/roles';
import { computeStats } from '@/app/lib/stats/compute-stats';
import { organizationTimezone } from '@/app/lib/stats/organization-timezone';
import { statsCsv } from '@/app/lib/stats/stats-csv';
import { parseStatsQuery } from '@/app/lib/stats/stats-query';
import { getPrisma } from '@/prisma/client';

export const dynamic = 'force-dynamic';

/** GET /api/stats/export.csv?…the parameters of /api/stats — the same figures as CSV (UTF-8 BOM, ";"). */
export const GET = withApi({ roles: STATS_READERS }, async (req, { user }) => {
  const request = parseStatsQuery(new URL(req.url).searchParams, await organizationTimezone(user.organizationId));
  const report = await computeStats(getPrisma(), user.organizationId, request);
  const name = `stats-${request.by}-${request.period.from}_${request.period.to}.csv`;
  return new Response(statsCsv(report, user.locale), {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' },
  });
});
