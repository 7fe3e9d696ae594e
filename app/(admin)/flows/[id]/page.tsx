// Read-only summary of one flow (name, draft, versions). The canvas editor will replace it.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getPrisma } from '@/prisma/client';
import { PublishButton } from '@/app/components/versions/publish-button';
import { DuplicateButton } from '@/app/components/versions/version-actions';
import { FlowDependenciesSection } from '@/app/components/usage/flow-dependencies-section';
import { flowDependencies } from '@/app/lib/usage/flow-dependencies';
import { requireSection } from '../../require-section';

type Params = { params: Promise<{ id: string }> };

async function findFlow(organizationId: string, id: string) {
  return getPrisma().flow.findFirst({
    where: { id, organizationId, deletedAt: null },
    include: {
      versions: {
        orderBy: [{ status: 'asc' }, { number: 'desc' }],
        include: { author: { select: { name: true } } },
      },
    },
  });
}

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('flowDetail');
  return { title: t('title') };
}

export default async function FlowDetailPage({ params }: Params) {
  const { user, editable } = await requireSection('flows');
  const { id } = await params;
  const flow = await findFlow(user.organizationId, id);
  if (!flow) notFound();
  const [t, tEditor, tVersions, format, dependencies] = await Promise.all([
    getTranslations('flowDetail'),
    getTranslations('editor'),
    getTranslations('versions'),
    getFormatter(),
    flowDependencies(getPrisma(), user.organizationId, flow.id),
  ]);
  const draft = flow.versions.find((v) => v.status === 'draft');
  const published = flow.versions.filter((v) => v.status === 'published');
  const when = (date: Date | null) => (date ? format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' }) : '—');

  return (
    <>
      <p>
        <Link href="/flows">← {t('back')}</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{flow.name}</h1>
          {flow.description && <p>{flow.description}</p>}
        </div>
      </div>
      <section className="card" aria-labelledby="draft-heading">
        <h2 id="draft-heading">{t('draft')}</h2>
        {draft ? (
          <p>
            {t('draftRevision', { revision: draft.revision })} · {t('updatedAt', { date: when(draft.updatedAt) })}
          </p>
        ) : (
          <p className="muted">{t('noDraft')}</p>
        )}
        <div className="button-row">
          <Link href={`/flows/${flow.id}/edit`} className="button primary">
            {tEditor('openEditor')}
          </Link>
          {editable && draft && (
            <PublishButton flowId={flow.id} nextNumber={Math.max(0, ...published.map((v) => v.number ?? 0)) + 1} draftRevision={draft.revision} />
          )}
          <Link href={`/flows/${flow.id}/versions`} className="button">
            {tVersions('viewVersions')}
          </Link>
          {editable && <DuplicateButton flowId={flow.id} flowName={flow.name} small={false} />}
        </div>
      </section>
      <FlowDependenciesSection dependencies={dependencies} />
      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">{t('versions')}</h2>
        {published.length === 0 ? (
          <p className="muted">{t('noVersions')}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('columns.number')}</th>
                  <th scope="col">{t('columns.publishedAt')}</th>
                  <th scope="col">{t('columns.author')}</th>
                  <th scope="col">{t('columns.note')}</th>
                </tr>
              </thead>
              <tbody>
                {published.map((v) => (
                  <tr key={v.id}>
                    <td>v{v.number}</td>
                    <td>{when(v.publishedAt ?? v.createdAt)}</td>
                    <td>{v.author?.name ?? '—'}</td>
                    <td>{v.note ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
