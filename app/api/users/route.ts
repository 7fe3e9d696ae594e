import { json, withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { USER_ADMINS } from '@/app/lib/users/user-admins';
import { createUserAccount, type UserCreateInput } from '@/app/lib/users/create-user-account';
import { listUsers } from '@/app/lib/users/list-users';

export const dynamic = 'force-dynamic';

export const GET = withApi({ roles: USER_ADMINS }, async (_req, { user }) => ({ users: await listUsers(user) }));

export const POST = withApi({ roles: USER_ADMINS }, async (req, { user }) =>
  json(await createUserAccount(user, await validateBody<UserCreateInput>(req, 'UserCreate')), 201),
);
