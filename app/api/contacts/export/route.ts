import { withApi } from '@/app/lib/api/handler';
import { exportContactsCsv } from '@/app/lib/contacts/export-contacts';

export const dynamic = 'force-dynamic';

export const GET = withApi({}, async (_req, { user }) =>
  new Response(await exportContactsCsv(user), {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="contacts.csv"', 'cache-control': 'no-store' },
  }),
);
