import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getPrisma } from '@/prisma/client';
import { ConfirmDeleteButton } from '@/app/components/resources/confirm-delete';
import { ResourceListHeader } from '@/app/components/resources/resource-list-header';
import { ResourceTable } from '@/app/components/resources/resource-table';
import { requireSection } from '../require-section';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('groups'))('title') };
}

export default async function GroupsPage() {
  const { user, editable } = await requireSection('groups');
  const [groups, t] = await Promise.all([
    getPrisma().queueGroup.findMany({
      where: { organizationId: user.organizationId },
      orderBy: { name: 'asc' },
      include: { members: { orderBy: { position: 'asc' }, include: { agent: { select: { name: true } } } } },
    }),
    getTranslations(),
  ]);
  return (
    <>
      <ResourceListHeader title={t('groups.title')} intro={t('groups.intro')} editable={editable} createLabel={t('groups.create')} createHref="/groups/new" />
      <ResourceTable
        rows={groups}
        emptyMessage={t('groups.empty')}
        columns={[
          {
            header: t('groups.fields.name'),
            cell: (g) => (
              <>
                <span aria-hidden="true" style={{ display: 'inline-block', width: '0.8em', height: '0.8em', borderRadius: '50%', background: g.color, marginRight: '0.4em' }} />
                <Link href={`/groups/${g.id}`}>{g.name}</Link>
              </>
            ),
          },
          {
            header: t('groups.fields.members'),
            cell: (g) => (g.members.length ? g.members.map((m) => m.agent.name).join(' → ') : <span className="muted">{t('groups.noMembers')}</span>),
          },
          { header: t('groups.fields.ringTimeSeconds'), cell: (g) => t('groups.seconds', { seconds: g.ringTimeSeconds }) },
          { header: t('groups.fields.wrapUpSeconds'), cell: (g) => t('groups.seconds', { seconds: g.wrapUpSeconds }) },
        ]}
        actionsLabel={t('common.actions')}
        actions={editable ? (g) => <ConfirmDeleteButton namespace="groups" url={`/api/groups/${g.id}`} name={g.name} /> : undefined}
      />
    </>
  );
}
