// The history's header and filter bar: a plain GET form (the filters live in the URL, the page
// works without JavaScript), and the CSV export of exactly what the filters select.
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { PageHeader } from '@/app/components/page-header';
import { CALL_HISTORY_OUTCOMES, CALL_HISTORY_VERSION_KINDS } from '@/app/lib/calls/call-history';
import { filterQuery } from './format';
import styles from './calls.module.css';

export interface FilterOptions {
  numbers: { value: string; label: string }[];
  flows: { id: string; name: string }[];
  groups: { id: string; name: string }[];
  agents: { id: string; name: string }[];
}

const FIELD_LABELS: Record<string, 'filter.from' | 'filter.to' | 'filter.number' | 'filter.flow' | 'filter.group' | 'filter.agent' | 'filter.outcome' | 'filter.caller'> = {
  from: 'filter.from', to: 'filter.to', number: 'filter.number', flowId: 'filter.flow', groupId: 'filter.group', agentId: 'filter.agent', outcome: 'filter.outcome', caller: 'filter.caller',
};

/** `error`: the query parameter that was refused (its filters are then ignored). */
export async function CallFilters({ values, options, error }: { values: Record<string, string>; options: FilterOptions; error: string | null }) {
  const [t, locale, tc] = await Promise.all([getTranslations('callHistory'), getLocale(), getTranslations('canary')]);
  const exportHref = `/api/calls/export.csv?${filterQuery(error ? {} : values, { lang: locale })}`;
  const filtered = Object.values(values).some(Boolean);
  const select = (name: string, label: string, all: string, items: { value: string; label: string }[]) => (
    <div className="field">
      <label htmlFor={`calls-${name}`}>{label}</label>
      <select id={`calls-${name}`} name={name} defaultValue={values[name] ?? ''}>
        <option value="">{all}</option>
        {items.map((item) => (
          <option key={item.value} value={item.value}>
            {item.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <>
      <PageHeader
        title={t('title')}
        intro={t('intro')}
        actions={
          <a className="button" href={exportHref} download title={t('exportHint')} data-testid="calls-export">
            {t('export')}
          </a>
        }
      />
      <form method="get" action="/calls" role="search" aria-label={t('filters')} className={styles.filters}>
        <div className="field">
          <label htmlFor="calls-from">{t('filter.from')}</label>
          <input type="date" id="calls-from" name="from" defaultValue={/^\d{4}-\d{2}-\d{2}$/.test(values.from ?? '') ? values.from : ''} />
        </div>
        <div className="field">
          <label htmlFor="calls-to">{t('filter.to')}</label>
          <input type="date" id="calls-to" name="to" defaultValue={/^\d{4}-\d{2}-\d{2}$/.test(values.to ?? '') ? values.to : ''} />
        </div>
        {select('number', t('filter.number'), t('allNumbers'), options.numbers)}
        {select('flowId', t('filter.flow'), t('allFlows'), options.flows.map((f) => ({ value: f.id, label: f.name })))}
        {select('groupId', t('filter.group'), t('allGroups'), options.groups.map((g) => ({ value: g.id, label: g.name })))}
        {select('agentId', t('filter.agent'), t('allAgents'), options.agents.map((a) => ({ value: a.id, label: a.name })))}
        {select('outcome', t('filter.outcome'), t('allOutcomes'), CALL_HISTORY_OUTCOMES.map((o) => ({ value: o, label: t(`outcomes.${o}`) })))}
        {select('version', tc('filter.version'), tc('filter.allVersions'), CALL_HISTORY_VERSION_KINDS.map((k) => ({ value: k, label: tc(`filter.${k}`) })))}
        <div className="field">
          <label htmlFor="calls-caller">{t('filter.caller')}</label>
          <input type="tel" id="calls-caller" name="caller" defaultValue={values.caller ?? ''} placeholder={t('filter.callerHint')} aria-describedby="calls-caller-hint" />
          <span id="calls-caller-hint" className="visually-hidden">
            {t('filter.callerHint')}
          </span>
        </div>
        <div className={styles.filterButtons}>
          <button type="submit" className="button primary">
            {t('apply')}
          </button>
          {filtered && (
            <Link href="/calls" className="button">
              {t('clear')}
            </Link>
          )}
        </div>
      </form>
      {error && (
        <p role="alert" className="alert error">
          {t('invalidFilter', { field: FIELD_LABELS[error] ? t(FIELD_LABELS[error]) : error === 'version' ? tc('filter.version') : error })}
        </p>
      )}
    </>
  );
}
