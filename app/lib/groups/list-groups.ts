import type { CurrentUser } from '@/app/lib/auth/current-user';
import { getPrisma } from '@/prisma/client';
import { listGroupViews, type GroupView } from './group-view';

export function listGroups(user: Pick<CurrentUser, 'organizationId'>): Promise<GroupView[]> {
  return listGroupViews(getPrisma(), user.organizationId);
}
