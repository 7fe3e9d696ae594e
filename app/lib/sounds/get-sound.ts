import type { CurrentUser } from '@/app/lib/auth/current-user';
import { getPrisma } from '@/prisma/client';
import { loadSoundView, type SoundView } from './sound-view';

export function getSound(user: Pick<CurrentUser, 'organizationId'>, id: string): Promise<SoundView> {
  return loadSoundView(getPrisma(), user.organizationId, id);
}
