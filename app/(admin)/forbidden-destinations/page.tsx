import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getPrisma } from '@/prisma/client';
import { PageHeader } from '@/app/components/page-header';
import { requireSection } from '../require-section';
import { DeleteListButton } from './delete-list-button';

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
      <PageHeader
        title={t('forbidden.title')}
        intro={t('forbidden.intro')}
        actions={
          editable && (
            <Link href="/forbidden-destinations/new" className="button primary">
              {t('forbidden.create')}
            </Link>
          )
        }
      />
      {lists.length === 0 ? (
        <div className="empty-state">
          <p>{t('forbidden.empty')}</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('forbidden.fields.name')}</th>
                <th scope="col">{t('forbidden.fields.description')}</th>
                <th scope="col">{t('forbidden.fields.entries')}</th>
                {editable && (
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {lists.map((list) => (
                <tr key={list.id}>
                  <td>
                    <Link href={`/forbidden-destinations/${list.id}`}>{list.name}</Link>
                  </td>
                  <td className="muted">{list.description ?? ''}</td>
                  <td>{t('forbidden.entryCount', { count: list._count.entries })}</td>
                  {editable && (
                    <td className="actions">
                      <DeleteListButton id={list.id} name={list.name} />
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
