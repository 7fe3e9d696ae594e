import { noContent, withApi } from '@/app/lib/api/handler';
import { validateBody } from '@/app/lib/api/validate-body';
import { USER_ADMINS } from '@/app/lib/users/user-admins';
import { deleteUser } from '@/app/lib/users/delete-user';
import { getUser } from '@/app/lib/users/get-user';
import { updateUser, type UserUpdateInput } from '@/app/lib/users/update-user';

export const dynamic = 'force-dynamic';
type P = { id: string };

export const GET = withApi<P>({ roles: USER_ADMINS }, async (_req, { user, params }) => getUser(user, params.id));

export const PATCH = withApi<P>({ roles: USER_ADMINS }, async (req, { user, params }) =>
  updateUser(user, params.id, await validateBody<UserUpdateInput>(req, 'UserUpdate')),
);

export const DELETE = withApi<P>({ roles: USER_ADMINS }, async (_req, { user, params }) => {
  await deleteUser(user, params.id);
  return noContent();
});
