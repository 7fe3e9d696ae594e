import { ApiError } from '@/app/lib/api/errors';
import { withApi } from '@/app/lib/api/handler';
import { getVersion, parseVersionNumber } from '@/app/lib/versions/get-version';

export const dynamic = 'force-dynamic';
type P = { id: string; number: string };

export const GET = withApi<P>({}, async (_req, { user, params }) => getVersion(user, params.id, parseVersionNumber(params.id, params.number)));

/** Published versions are immutable: change the draft and publish it, or roll back. */
const immutable = withApi<P>({}, async () => {
  throw new ApiError('METHOD_NOT_ALLOWED', 'Published versions cannot be changed or deleted; edit the draft (PUT …/draft) and publish it, or roll back to a version');
});
export const PUT = immutable;
export const PATCH = immutable;
export const DELETE = immutable;
