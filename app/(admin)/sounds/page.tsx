import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getPrisma } from '@/prisma/client';
import { requireSection } from '../require-section';
import { SoundsList } from './sounds-list';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('sounds'))('title') };
}

export default async function SoundsPage() {
  const { user, editable } = await requireSection('sounds');
  const sounds = await getPrisma().sound.findMany({
    where: { organizationId: user.organizationId },
    orderBy: [{ name: 'asc' }, { language: 'asc' }],
    // Not the audio bytes: the player streams them from /api/sounds/:id/audio.
    select: { id: true, name: true, language: true, originalName: true, durationMs: true, createdAt: true },
  });
  return <SoundsList sounds={sounds} editable={editable} />;
}
