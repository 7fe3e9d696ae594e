import type { CurrentUser } from '@/app/lib/auth/current-user';
import { getPrisma } from '@/prisma/client';
import { loadNumberView, type NumberView } from './number-view';

export function getNumber(user: Pick<CurrentUser, 'organizationId'>, id: string): Promise<NumberView> {
  return loadNumberView(getPrisma(), user.organizationId, id);
}
