import type { CurrentUser } from '@/app/lib/auth/current-user';
import { getPrisma } from '@/prisma/client';
import { findUser, toUserView, type UserView } from './user-view';

export async function getUser(user: Pick<CurrentUser, 'organizationId'>, id: string): Promise<UserView> {
  return toUserView(await findUser(getPrisma(), user.organizationId, id));
}
