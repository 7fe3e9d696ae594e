// The history's table: one row per call, newest first, with links to the call's page, its
// recordings and voicemails; "Older calls" / "Newest calls" move by cursor, filters kept.
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ResourceTable } from '@/app/components/resources/resource-table';
import type { CallHistoryRow } from '@/app/lib/calls/call-history';
import { filterQuery, formatDuration } from './format';
import styles from './calls.module.css';

interface Props {
  rows: CallHistoryRow[];
  values: Record<string, string>;
  nextCursor: string | null;
  isFirstPage: boolean;
  timeZone: string;
}

export async function CallsTable({ rows, values, nextCursor, isFirstPage, timeZone }: Props) {
  const [t, format, tc] = await Promise.all([getTranslations('callHistory'), getFormatter(), getTranslations('canary')]);
  const filtered = Object.values(values).some(Boolean);
  const when = (c: CallHistoryRow) => format.dateTime(c.startedAt, { dateStyle: 'short', timeStyle: 'short', timeZone });
  const caller = (c: CallHistoryRow) => c.caller ?? t('withheld');
  const name = (ref: { name: string | null }) => ref.name ?? t('deleted');
  const duration = (ms: number | null) => formatDuration(ms) ?? <span className="muted">—</span>;
  const pageHref = (cursor?: string) => {
    const query = filterQuery(values, cursor ? { cursor } : {});
    return query ? `/calls?${query}` : '/calls';
  };
  return (
    <div className={styles.compact}>
      <ResourceTable
        rows={rows}
        rowTestId="call-row"
        caption={t('title')}
        emptyMessage={filtered ? t('emptyFiltered') : t('empty')}
        emptyAction={
          filtered ? (
            <Link href="/calls" className="button">
              {t('showAll')}
            </Link>
          ) : undefined
        }
        columns={[
          {
            header: t('columns.startedAt'),
            cell: (c) => (
              <Link href={`/calls/${c.id}`} aria-label={t('detailsNamed', { caller: caller(c), when: when(c) })} className={styles.nowrap}>
                <time dateTime={c.startedAt.toISOString()}>
                  {format.dateTime(c.startedAt, { dateStyle: 'short', timeZone })}
                  <br />
                  {format.dateTime(c.startedAt, { timeStyle: 'short', timeZone })}
                </time>
              </Link>
            ),
          },
          {
            header: t('columns.callerNumber'),
            cell: (c) => (
              <>
                {c.caller ? <span className={styles.nowrap}>{c.caller}</span> : <span className="muted">{t('withheld')}</span>}
                <span className={`muted ${styles.called}`}>→ {c.entryNumber}</span>
              </>
            ),
          },
          {
            header: t('columns.flow'),
            cell: (c) =>
              c.flow ? (
                <>
                  {name(c.flow)}
                  {c.flowVersionNumber !== null && <span className={`muted ${styles.nowrap}`}> {t('versionLabel', { number: c.flowVersionNumber })}</span>}
                  {c.canary && <span className="tag" data-testid="call-canary" title={tc('column.canaryHint')}> {tc('column.canary')}</span>}
                </>
              ) : (
                <span className="muted">—</span>
              ),
          },
          {
            header: t('columns.outcome'),
            cell: (c) => (
              <span className={`tag ${styles[`outcome-${c.outcome}`]}`} title={t(`outcomeHints.${c.outcome}`)} data-outcome={c.outcome}>
                {t(`outcomes.${c.outcome}`)}
              </span>
            ),
          },
          { header: t('columns.wait'), cell: (c) => duration(c.waitMs) },
          { header: t('columns.talk'), cell: (c) => duration(c.talkMs) },
          { header: t('columns.agents'), cell: (c) => (c.agents.length ? c.agents.map(name).join(', ') : <span className="muted">—</span>) },
          {
            header: t('columns.transfers'),
            cell: (c) => (c.transferCount ? <span title={t('transfers', { count: c.transferCount })}>{c.transferCount}</span> : <span className="muted">—</span>),
          },
          {
            header: t('columns.media'),
            cell: (c) =>
              c.recordings.length + c.voicemails.length === 0 ? (
                <span className="muted">—</span>
              ) : (
                <span className={styles.links}>
                  {c.recordings.map((r) => (
                    <a key={r.id} href={r.audioUrl} target="_blank" rel="noopener" aria-label={t('recordingNamed', { caller: caller(c), when: when(c) })}>
                      {t('recording')}
                    </a>
                  ))}
                  {c.voicemails.map((v) => (
                    <a key={v.id} href={v.audioUrl} target="_blank" rel="noopener" aria-label={t('voicemailNamed', { caller: caller(c), when: when(c) })}>
                      {t('voicemail')}
                    </a>
                  ))}
                </span>
              ),
          },
        ]}
      />
      {(nextCursor || !isFirstPage) && (
        <div className="button-row" style={{ marginTop: '1rem' }}>
          {!isFirstPage && (
            <Link href={pageHref()} className="button">
              {t('newest')}
            </Link>
          )}
          {nextCursor && (
            <Link href={pageHref(nextCursor)} className="button" data-testid="calls-older">
              {t('older')}
            </Link>
          )}
        </div>
      )}
    </div>
  );
}
