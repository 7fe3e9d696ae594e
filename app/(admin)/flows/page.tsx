import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireSection } from '../require-section';
import { listFlows } from '@/app/lib/flows/list-flows';
import { FlowsList } from './flows-list';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('flows'))('title') };
}

export default async function FlowsPage({ searchParams }: { searchParams: Promise<{ forbidden?: string }> }) {
  const { user, editable } = await requireSection('flows');
  const [flows, t, { forbidden }] = await Promise.all([listFlows(user), getTranslations(), searchParams]);
  return (
    <>
      {forbidden && (
        <div className="alert error" role="alert">
          {t('errors.sectionForbidden')}
        </div>
      )}
      <FlowsList flows={flows} editable={editable} />
    </>
  );
}
