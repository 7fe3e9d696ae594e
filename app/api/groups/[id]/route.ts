import { noContent, withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { RESOURCE_ADMINS } from '@/app/lib/auth/roles';
import { deleteGroup } from '@/app/lib/groups/delete-group';
import { getGroup } from '@/app/lib/groups/get-group';
import { updateGroup } from '@/app/lib/groups/update-group';
import type { GroupInput } from '@/app/lib/groups/group-input';

export const dynamic = 'force-dynamic';
type P = { id: string };

export const GET = withApi<P>({}, async (_req, { user, params }) => getGroup(user, params.id));

export const PATCH = withApi<P>({ roles: RESOURCE_ADMINS }, async (req, { user, params }) =>
  updateGroup(user, params.id, await validateBody<Partial<GroupInput>>(req, 'GroupPatch')),
);

export const DELETE = withApi<P>({ roles: RESOURCE_ADMINS }, async (_req, { user, params }) => {
  await deleteGroup(user, params.id);
  return noContent();
});
