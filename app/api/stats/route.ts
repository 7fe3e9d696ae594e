import { withApi } from '@/app/lib/api/handler';
import { STATS_READERS } from '@/app/lib/auth/roles';
import { computeStats } from '@/app/lib/stats/compute-stats';
import { organizationTimezone } from '@/app/lib/stats/organization-timezone';
import { parseStatsQuery } from '@/app/lib/stats/stats-query';
import { getPrisma } from '@/prisma/client';

export const dynamic = 'force-dynamic';

/** GET /api/stats?from=YYYY-MM-DD&to=…&compareFrom=…&compareTo=…&by=number|flow|group|agent&tz=Europe/Paris */
export const GET = withApi({ roles: STATS_READERS }, async (req, { user }) => {
  const request = parseStatsQuery(new URL(req.url).searchParams, await organizationTimezone(user.organizationId));
  return computeStats(getPrisma(), user.organizationId, request);
});
