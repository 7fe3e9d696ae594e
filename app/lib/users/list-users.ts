import type { CurrentUser } from '@/app/lib/auth/current-user';
import { getPrisma } from '@/prisma/client';
import { toUserView, type UserView } from './user-view';

/** The organisation's users, by name. */
export async function listUsers(user: Pick<CurrentUser, 'organizationId'>): Promise<UserView[]> {
  const rows = await getPrisma().user.findMany({ where: { organizationId: user.organizationId }, orderBy: [{ name: 'asc' }, { email: 'asc' }] });
  return rows.map(toUserView);
}
