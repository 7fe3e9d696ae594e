import type { CurrentUser } from '@/app/lib/auth/current-user';
import { getPrisma } from '@/prisma/client';
import { listForbiddenListViews, type ForbiddenListView } from './forbidden-list-view';

export function listForbiddenLists(user: Pick<CurrentUser, 'organizationId'>): Promise<ForbiddenListView[]> {
  return listForbiddenListViews(getPrisma(), user.organizationId);
}
