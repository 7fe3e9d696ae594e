// The history of a flow: its published versions (publish, roll back, duplicate) and the
// comparison of any two of them, or of the draft and the live version, as a list and on a
// read-only canvas.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ApiError } from '@/app/lib/api/errors';
import { diffFlows, type FlowDiff } from '@/app/lib/versions/diff-flows';
import { draftHasUnpublishedChanges } from '@/app/lib/versions/draft-changes';
import { listVersions, type VersionListView } from '@/app/lib/versions/list-versions';
import { loadFlowDocument, parseDocumentRef, type DocumentRef } from '@/app/lib/versions/load-flow-document';
import { getPrisma } from '@/prisma/client';
import { DiffCanvas } from '@/app/components/versions/diff-canvas';
import { DiffList } from '@/app/components/versions/diff-list';
import { PublishButton } from '@/app/components/versions/publish-button';
import { DuplicateButton, RollbackButton } from '@/app/components/versions/version-actions';
import { CanarySection } from '@/app/components/canary/canary-section';
import canaryStyles from '@/app/components/canary/canary.module.css';
import { getCanary } from '@/app/lib/canary/get-canary';
import styles from '@/app/components/versions/versions.module.css';
import { requireSection } from '../../../require-section';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ from?: string; to?: string }> };
type Doc = Parameters<typeof DiffCanvas>[0]['from'];

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('versions'))('viewVersions') };
}

export default async function FlowVersionsPage({ params, searchParams }: Props) {
  const { user, editable } = await requireSection('flows');
  const [{ id }, query, t, tStats, format] = await Promise.all([params, searchParams, getTranslations('versions'), getTranslations('flowAnalytics'), getFormatter()]);
  const flow = await getPrisma().flow.findFirst({ where: { id, organizationId: user.organizationId, deletedAt: null }, select: { id: true, name: true } });
  if (!flow) notFound();
  const [history, draftHasChanges, canaryState, routedNumbers, tCanary] = await Promise.all([
    listVersions(user, id),
    draftHasUnpublishedChanges(getPrisma(), id),
    getCanary(user, id),
    getPrisma().phoneNumber.findMany({ where: { organizationId: user.organizationId, flowId: id }, select: { id: true, e164: true, label: true }, orderBy: { e164: 'asc' } }),
    getTranslations('canary'),
  ]);
  const canaryNumber = canaryState.canary?.version.number ?? null;
  // canary versions are numbered in the same sequence: the next number follows the newest of all
  const nextNumber = (history.versions[0]?.number ?? 0) + 1;
  const comparison = await loadComparison(user, id, history, query);
  const refLabel = (ref: 'draft' | number) => (ref === 'draft' ? t('draft') : t('versionLabel', { number: ref }));
  const when = (date: Date) => format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <>
      <p>
        <Link href={`/flows/${id}`}>← {t('back')}</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{t('title', { name: flow.name })}</h1>
          <p>{t('intro')}</p>
        </div>
        {editable && (
          <div className="button-row">
            <PublishButton flowId={id} nextNumber={nextNumber} draftRevision={history.draft?.revision} />
            <DuplicateButton flowId={id} flowName={flow.name} small={false} />
          </div>
        )}
      </div>

      {history.versions.length > 0 && (
        <CanarySection
          flowId={id}
          editable={editable}
          liveNumber={history.liveNumber}
          publishedNumbers={history.versions.map((v) => v.number)}
          numbers={routedNumbers}
          state={canaryState}
          draftHasChanges={draftHasChanges}
          nextNumber={nextNumber}
        />
      )}

      {history.versions.length === 0 ? (
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
                <th scope="col">{t('columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {history.versions.map((v) => (
                <tr key={v.id} data-testid="version-row">
                  <td>
                    v{v.number}
                    {v.number === history.liveNumber && <span className={`tag ${styles.liveTag}`}>{t('live')}</span>}
                    {v.status === 'canary' && v.number !== canaryNumber && (
                      <span className={`tag ${canaryStyles.canaryTag}`} data-testid="canary-version-tag">
                        {tCanary('versionTag')}
                      </span>
                    )}
                    {v.number === canaryNumber && (
                      <span className={`tag ${canaryStyles.canaryTag}`} data-testid="canary-tag">
                        {tCanary('tag', { percent: canaryState.canary!.percent })}
                      </span>
                    )}
                  </td>
                  <td>{when(v.publishedAt)}</td>
                  <td>{v.author?.name ?? '—'}</td>
                  <td>
                    {v.note ?? ''}
                    {v.sourceVersionNumber !== null && <span className="muted"> ({t('fromVersion', { number: v.sourceVersionNumber })})</span>}
                  </td>
                  <td className="actions">
                    <Link className="button small" href={`/flows/${id}/versions/${v.number}`} aria-label={tStats('openVersionNamed', { number: v.number })}>
                      {tStats('openVersion')}
                    </Link>{' '}
                    <Link className="button small" href={`/flows/${id}/versions?from=${v.number}&to=draft`} aria-label={t('compareNamed', { number: v.number })}>
                      {t('compareWithDraft')}
                    </Link>{' '}
                    {editable && v.number !== history.liveNumber && v.status === 'published' && (
                      <RollbackButton flowId={id} number={v.number} nextNumber={nextNumber} draftHasChanges={draftHasChanges} />
                    )}{' '}
                    {editable && <DuplicateButton flowId={id} flowName={flow.name} number={v.number} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {history.versions.length > 0 && (
        <section aria-labelledby="compare-heading" className="card">
          <h2 id="compare-heading">{t('compareTitle')}</h2>
          <form method="get" className={styles.compare}>
            <RefSelect name="from" label={t('compareFrom')} value={comparison?.from ?? history.liveNumber ?? 'draft'} history={history} refLabel={refLabel} />
            <RefSelect name="to" label={t('compareTo')} value={comparison?.to ?? 'draft'} history={history} refLabel={refLabel} />
            <button type="submit" className="button">
              {t('compareSubmit')}
            </button>
          </form>
        </section>
      )}

      {comparison && (
        <section aria-labelledby="diff-heading">
          <h2 id="diff-heading">{t('diffTitle', { from: refLabel(comparison.from), to: refLabel(comparison.to) })}</h2>
          <DiffList diff={comparison.diff} labels={comparison.labels} documents={[comparison.toDocument, comparison.fromDocument]} />
          <DiffCanvas from={comparison.fromDocument} to={comparison.toDocument} diff={comparison.diff} />
        </section>
      )}
    </>
  );
}

function RefSelect(props: { name: string; label: string; value: 'draft' | number; history: VersionListView; refLabel: (ref: 'draft' | number) => string }) {
  const id = `compare-${props.name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} name={props.name} defaultValue={String(props.value)}>
        {props.history.draft && <option value="draft">{props.refLabel('draft')}</option>}
        {props.history.versions.map((v) => (
          <option key={v.number} value={String(v.number)}>
            {props.refLabel(v.number)}
          </option>
        ))}
      </select>
    </div>
  );
}

interface Comparison {
  from: 'draft' | number;
  to: 'draft' | number;
  diff: FlowDiff;
  fromDocument: Doc;
  toDocument: Doc;
  /** Node id → label, across both documents (to name the ends of connections). */
  labels: Record<string, string>;
}

/** The comparison asked for in the URL, or live → draft by default; null when there is nothing to compare. */
async function loadComparison(
  user: { organizationId: string },
  flowId: string,
  history: VersionListView,
  query: { from?: string; to?: string },
): Promise<Comparison | null> {
  if (history.liveNumber === null) return null;
  let from: DocumentRef = 'live';
  let to: DocumentRef = 'draft';
  try {
    if (query.from) from = parseDocumentRef('from', query.from);
    if (query.to) to = parseDocumentRef('to', query.to);
    const prisma = getPrisma();
    const [a, b] = await Promise.all([loadFlowDocument(prisma, user, flowId, from), loadFlowDocument(prisma, user, flowId, to)]);
    const fromDocument = a.document as Doc;
    const toDocument = b.document as Doc;
    const labels: Record<string, string> = {};
    for (const node of [...fromDocument.nodes, ...toDocument.nodes]) labels[node.id] = node.label ?? node.id;
    return { from: a.ref, to: b.ref, diff: diffFlows(fromDocument as never, toDocument as never), fromDocument, toDocument, labels };
  } catch (err) {
    if (err instanceof ApiError) return null;
    throw err;
  }
}
