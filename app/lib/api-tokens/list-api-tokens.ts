import type { CurrentUser } from '@/app/lib/auth/current-user';
import { getPrisma } from '@/prisma/client';
import { toApiTokenView, type ApiTokenView } from './api-token-view';

/** The caller's own tokens (tokens are personal: an admin does not see others'). */
export async function listApiTokens(user: Pick<CurrentUser, 'id' | 'organizationId'>): Promise<ApiTokenView[]> {
  const rows = await getPrisma().apiToken.findMany({
    where: { userId: user.id, organizationId: user.organizationId },
    orderBy: { createdAt: 'desc' },
  });
  return rows.map(toApiTokenView);
}
