import { json, withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { RESOURCE_ADMINS } from '@/app/lib/auth/roles';
import { createGroup } from '@/app/lib/groups/create-group';
import { listGroups } from '@/app/lib/groups/list-groups';
import type { GroupInput } from '@/app/lib/groups/group-input';

export const dynamic = 'force-dynamic';

export const GET = withApi({}, async (_req, { user }) => ({ groups: await listGroups(user) }));

export const POST = withApi({ roles: RESOURCE_ADMINS }, async (req, { user }) =>
  json(await createGroup(user, await validateBody<GroupInput>(req, 'GroupInput')), 201),
);
