// /live: the wallboard (issue 15 item 4). Admins and supervisors (section `live`); live over
// socket.io, nothing read here.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/app/components/page-header';
import { requireSection } from '../require-section';
import { Wallboard } from './wallboard';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('wallboard');
  return { title: t('title') };
}

export default async function LivePage() {
  await requireSection('live');
  const t = await getTranslations('wallboard');
  return (
    <>
      <PageHeader title={t('title')} intro={t('description')} />
      <Wallboard />
    </>
  );
}
