import { withApi } from '@/app/lib/api/handler';
import { listVersions } from '@/app/lib/versions/list-versions';

export const dynamic = 'force-dynamic';
type P = { id: string };

export const GET = withApi<P>({}, async (_req, { user, params }) => listVersions(user, params.id));
