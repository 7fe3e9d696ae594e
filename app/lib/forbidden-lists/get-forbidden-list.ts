import type { CurrentUser } from '@/app/lib/auth/current-user';
import { getPrisma } from '@/prisma/client';
import { loadForbiddenListView, type ForbiddenListView } from './forbidden-list-view';

export function getForbiddenList(user: Pick<CurrentUser, 'organizationId'>, id: string): Promise<ForbiddenListView> {
  return loadForbiddenListView(getPrisma(), user.organizationId, id);
}
