import type { CurrentUser } from '@/app/lib/auth/current-user';
import { getPrisma } from '@/prisma/client';
import { listNumberViews, type NumberView } from './number-view';

export function listNumbers(user: Pick<CurrentUser, 'organizationId'>): Promise<NumberView[]> {
  return listNumberViews(getPrisma(), user.organizationId);
}
