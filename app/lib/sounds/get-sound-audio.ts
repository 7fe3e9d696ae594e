import type { CurrentUser } from '@/app/lib/auth/current-user';
import { notFound } from '@/app/lib/api/errors';
import { getPrisma } from '@/prisma/client';

export async function getSoundAudio(user: Pick<CurrentUser, 'organizationId'>, id: string): Promise<{ data: Uint8Array; mimeType: string; name: string }> {
  const row = await getPrisma().sound.findFirst({
    where: { id, organizationId: user.organizationId },
    select: { data: true, mimeType: true, name: true },
  });
  if (!row) throw notFound('Sound', id);
  return { data: row.data, mimeType: row.mimeType, name: row.name };
}
