import { json, withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { RESOURCE_ADMINS } from '@/app/lib/auth/roles';
import { createForbiddenList } from '@/app/lib/forbidden-lists/create-forbidden-list';
import { listForbiddenLists } from '@/app/lib/forbidden-lists/list-forbidden-lists';
import type { ForbiddenListInput } from '@/app/lib/forbidden-lists/forbidden-list-view';

export const dynamic = 'force-dynamic';

export const GET = withApi({}, async (_req, { user }) => ({ forbiddenLists: await listForbiddenLists(user) }));

export const POST = withApi({ roles: RESOURCE_ADMINS }, async (req, { user }) =>
  json(await createForbiddenList(user, await validateBody<ForbiddenListInput>(req, 'ForbiddenListInput')), 201),
);
