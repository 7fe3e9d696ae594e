// The audit log: who published, rolled back, duplicated, changed or deleted what, and when;
// filtered by flow, newest first, one page at a time (the API's keyset cursor in the URL).
import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ApiError } from '@/app/lib/api/errors';
import { listAudit, type AuditEntryView, type AuditPageView } from '@/app/lib/audit/list-audit';
import { getPrisma } from '@/prisma/client';
import { auditEntityNames } from '@/app/lib/audit/entity-names';
import { requireSection } from '../require-section';

type Props = { searchParams: Promise<{ flow?: string; cursor?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('audit'))('title') };
}

export default async function AuditPage({ searchParams }: Props) {
  const { user } = await requireSection('audit');
  const [{ flow, cursor }, t, format, tCanary] = await Promise.all([searchParams, getTranslations('audit'), getFormatter(), getTranslations('canary')]);
  let page: AuditPageView;
  try {
    page = await listAudit(user, { entityId: flow || undefined, cursor: cursor || undefined });
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    page = await listAudit(user, { entityId: flow || undefined });
  }
  // Deleted flows keep their name in the log.
  const flows = await getPrisma().flow.findMany({ where: { organizationId: user.organizationId }, select: { id: true, name: true, deletedAt: true }, orderBy: { name: 'asc' } });
  const flowNames = new Map(flows.map((f) => [f.id, f.name]));
  const objectNames = await auditEntityNames(user.organizationId, page.entries);
  // Keys built from the entry; an action without its own text reads "<object>: <verb>".
  const known = (key: string) => t.has(key as 'title');
  const text = (key: string) => t(key as 'title');
  const entityName = (type: string) => (known(`entities.${type}`) ? text(`entities.${type}`) : type);
  const actionLabel = (action: string) => {
    const key = `actions.${action.replace(/\./g, '_')}`;
    if (known(key)) return text(key);
    const verb = action.split('.').pop() ?? action;
    const type = action.slice(0, action.length - verb.length - 1);
    return known(`verbs.${verb}`) ? t('actionFallback', { object: entityName(type), verb: text(`verbs.${verb}`) }) : action;
  };
  const details = (entry: AuditEntryView): string => {
    const d = (entry.details ?? {}) as Record<string, unknown>;
    if (entry.action === 'flow.publish' && typeof d.number === 'number') return `${t('detailsPublish', { number: d.number })}${d.note ? ` — ${String(d.note)}` : ''}`;
    if (entry.action === 'flow.rollback' && typeof d.number === 'number') return t('detailsRollback', { number: d.number, source: Number(d.sourceNumber) });
    if (entry.action === 'flow.duplicate' && typeof d.name === 'string') return t('detailsDuplicate', { name: d.name });
    if (entry.action.startsWith('flow.canary_') && typeof d.number === 'number') {
      const promoted = entry.action === 'flow.canary_promote' ? ` → ${t('detailsPublish', { number: d.number })}` : '';
      return `${tCanary('auditDetails', { number: entry.action === 'flow.canary_promote' ? Number(d.sourceNumber) : d.number, percent: Number(d.percent) })}${promoted}`;
    }
    if (entry.action === 'flow_draft.update' && typeof d.revision === 'number') return t('detailsRevision', { revision: d.revision });
    if (typeof d.name === 'string') return d.name;
    return '';
  };
  const filterQuery = flow ? `flow=${encodeURIComponent(flow)}&` : '';

  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t('title')}</h1>
          <p>{t('intro')}</p>
        </div>
      </div>
      <form method="get" className="inline-fields">
        <div className="field">
          <label htmlFor="audit-flow">{t('filterFlow')}</label>
          <select id="audit-flow" name="flow" defaultValue={flow ?? ''}>
            <option value="">{t('allFlows')}</option>
            {flows
              .filter((f) => !f.deletedAt)
              .map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t('filter')}
        </button>
      </form>
      {page.entries.length === 0 ? (
        <p className="muted">{t('empty')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('columns.when')}</th>
                <th scope="col">{t('columns.who')}</th>
                <th scope="col">{t('columns.action')}</th>
                <th scope="col">{t('columns.object')}</th>
                <th scope="col">{t('columns.details')}</th>
              </tr>
            </thead>
            <tbody>
              {page.entries.map((entry) => {
                const flowName = entry.entityId ? flowNames.get(entry.entityId) : undefined;
                return (
                  <tr key={entry.id} data-testid="audit-row">
                    <td>{format.dateTime(entry.createdAt, { dateStyle: 'medium', timeStyle: 'medium' })}</td>
                    <td>{entry.user?.name ?? t('unknownUser')}</td>
                    <td>{actionLabel(entry.action)}</td>
                    <td>
                      {flowName ? (
                        <Link href={`/audit?flow=${entry.entityId}`}>{flowName}</Link>
                      ) : (
                        <span title={entry.entityId ?? undefined}>
                          {entry.entityId && objectNames.has(`${entry.entityType}:${entry.entityId}`)
                            ? t('objectNamed', { object: entityName(entry.entityType), name: objectNames.get(`${entry.entityType}:${entry.entityId}`)! })
                            : entityName(entry.entityType)}
                        </span>
                      )}
                    </td>
                    <td>{details(entry)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="button-row">
        {cursor && (
          <Link className="button" href={`/audit?${filterQuery}`}>
            {t('newest')}
          </Link>
        )}
        {page.nextCursor && (
          <Link className="button" href={`/audit?${filterQuery}cursor=${page.nextCursor}`}>
            {t('older')}
          </Link>
        )}
      </p>
    </>
  );
}
