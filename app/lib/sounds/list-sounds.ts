import type { CurrentUser } from '@/app/lib/auth/current-user';
import { getPrisma } from '@/prisma/client';
import { soundSelect, toSoundView, type SoundView } from './sound-view';

export async function listSounds(user: Pick<CurrentUser, 'organizationId'>, filter: { language?: string } = {}): Promise<SoundView[]> {
  const rows = await getPrisma().sound.findMany({
    where: { organizationId: user.organizationId, ...(filter.language ? { language: filter.language } : {}) },
    select: soundSelect,
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
  return rows.map(toSoundView);
}
