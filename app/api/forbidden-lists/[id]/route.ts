import { noContent, withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { RESOURCE_ADMINS } from '@/app/lib/auth/roles';
import { deleteForbiddenList } from '@/app/lib/forbidden-lists/delete-forbidden-list';
import { getForbiddenList } from '@/app/lib/forbidden-lists/get-forbidden-list';
import { updateForbiddenList } from '@/app/lib/forbidden-lists/update-forbidden-list';
import type { ForbiddenListInput } from '@/app/lib/forbidden-lists/forbidden-list-view';

export const dynamic = 'force-dynamic';
type P = { id: string };

export const GET = withApi<P>({}, async (_req, { user, params }) => getForbiddenList(user, params.id));

export const PATCH = withApi<P>({ roles: RESOURCE_ADMINS }, async (req, { user, params }) =>
  updateForbiddenList(user, params.id, await validateBody<Partial<ForbiddenListInput>>(req, 'ForbiddenListPatch')),
);

export const DELETE = withApi<P>({ roles: RESOURCE_ADMINS }, async (_req, { user, params }) => {
  await deleteForbiddenList(user, params.id);
  return noContent();
});
