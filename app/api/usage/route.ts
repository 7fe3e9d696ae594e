import { withApi } from '@/app/lib/api/handler';
import { getUsage } from '@/app/lib/usage/get-usage';

export const dynamic = 'force-dynamic';

/** What uses one object: GET /api/usage?kind=groups&id=… */
export const GET = withApi({}, async (req, { user }) => {
  const query = new URL(req.url).searchParams;
  return getUsage(user, query.get('kind'), query.get('id'));
});
