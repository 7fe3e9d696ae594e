import { ApiError } from '@/app/lib/api/errors';
import { withApi } from '@/app/lib/api/handler';
import { isAppLocale } from '@/app/i18n/config';
import { callHistoryCsv } from '@/app/lib/calls/call-history-csv';
import { parseCallHistoryQuery } from '@/app/lib/calls/call-history-query';
import { organizationTimeZone } from '@/app/lib/calls/organization-time-zone';
import { getPrisma } from '@/prisma/client';

export const dynamic = 'force-dynamic';

/**
 * GET /api/calls/export.csv?…the filters of GET /api/calls…&lang=fr|en — every matching call,
 * streamed (format: app/lib/calls/call-history-csv.ts). Headers in ?lang, else the user's language.
 */
export const GET = withApi({ roles: ['admin', 'supervisor'] }, async (req, { user }) => {
  const query = new URL(req.url).searchParams;
  const lang = query.get('lang') || user.locale;
  if (!isAppLocale(lang)) throw new ApiError('VALIDATION_FAILED', 'lang must be fr or en', { path: '/lang' });
  const prisma = getPrisma();
  const timeZone = await organizationTimeZone(prisma, user.organizationId);
  const { filters } = parseCallHistoryQuery(query, timeZone);
  const stream = await callHistoryCsv(prisma, user.organizationId, filters, { locale: lang, timeZone });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${lang === 'fr' ? 'appels' : 'calls'}-${stamp}.csv"`,
      'cache-control': 'no-store',
    },
  });
});
