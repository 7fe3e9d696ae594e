import type { CurrentUser } from '@/app/lib/auth/current-user';
import { getPrisma } from '@/prisma/client';
import { loadGroupView, type GroupView } from './group-view';

export function getGroup(user: Pick<CurrentUser, 'organizationId'>, id: string): Promise<GroupView> {
  return loadGroupView(getPrisma(), user.organizationId, id);
}
