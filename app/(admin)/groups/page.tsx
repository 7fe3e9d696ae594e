import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getPrisma } from '@/prisma/client';
import { PageHeader } from '@/app/components/page-header';
import { requireSection } from '../require-section';
import { DeleteGroupButton } from './delete-group-button';

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
      <PageHeader
        title={t('groups.title')}
        intro={t('groups.intro')}
        actions={
          editable && (
            <Link href="/groups/new" className="button primary">
              {t('groups.create')}
            </Link>
          )
        }
      />
      {groups.length === 0 ? (
        <div className="empty-state">
          <p>{t('groups.empty')}</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('groups.fields.name')}</th>
                <th scope="col">{t('groups.fields.members')}</th>
                <th scope="col">{t('groups.fields.ringTimeSeconds')}</th>
                {editable && (
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g.id}>
                  <td>
                    <Link href={`/groups/${g.id}`}>{g.name}</Link>
                  </td>
                  <td>{g.members.length ? g.members.map((m) => m.agent.name).join(' → ') : <span className="muted">{t('groups.noMembers')}</span>}</td>
                  <td>{t('groups.seconds', { seconds: g.ringTimeSeconds })}</td>
                  {editable && (
                    <td className="actions">
                      <DeleteGroupButton id={g.id} name={g.name} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
