import { withApi } from '@/app/lib/api/handler';
import { diffVersions } from '@/app/lib/versions/diff-versions';
import { parseDocumentRef } from '@/app/lib/versions/load-flow-document';

export const dynamic = 'force-dynamic';
type P = { id: string };

/** GET /api/flows/:id/diff?from=<number|draft|live>&to=<number|draft|live> */
export const GET = withApi<P>({}, async (req, { user, params }) => {
  const query = new URL(req.url).searchParams;
  return diffVersions(user, params.id, parseDocumentRef('from', query.get('from')), parseDocumentRef('to', query.get('to')));
});
