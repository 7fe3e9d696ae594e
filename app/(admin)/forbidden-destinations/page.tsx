import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getPrisma } from '@/prisma/client';
import { ConfirmDeleteButton } from '@/app/components/resources/confirm-delete';
import { ResourceListHeader } from '@/app/components/resources/resource-list-header';
import { ResourceTable } from '@/app/components/resources/resource-table';
import { requireSection } from '../require-section';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('forbidden'))('title') };
}

export default async function ForbiddenListsPage() {
  const { user, editable } = await requireSection('forbidden');
  const [lists, t] = await Promise.all([
    getPrisma().forbiddenList.findMany({
      where: { organizationId: user.organizationId },
      orderBy: { name: 'asc' },
      include: { _count: { select: { entries: true } } },
    }),
    getTranslations(),
  ]);
  return (
    <>
      <ResourceListHeader
        title={t('forbidden.title')}
        intro={t('forbidden.intro')}
        editable={editable}
        createLabel={t('forbidden.create')}
        createHref="/forbidden-destinations/new"
      />
      <ResourceTable
        rows={lists}
        emptyMessage={t('forbidden.empty')}
        columns={[
          { header: t('forbidden.fields.name'), cell: (list) => <Link href={`/forbidden-destinations/${list.id}`}>{list.name}</Link> },
          { header: t('forbidden.fields.description'), className: 'muted', cell: (list) => list.description ?? '' },
          { header: t('forbidden.fields.entries'), cell: (list) => t('forbidden.entryCount', { count: list._count.entries }) },
        ]}
        actionsLabel={t('common.actions')}
        actions={editable ? (list) => <ConfirmDeleteButton namespace="forbidden" url={`/api/forbidden-lists/${list.id}`} name={list.name} /> : undefined}
      />
    </>
  );
}
