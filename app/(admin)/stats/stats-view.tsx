'use client';
// The statistics page: period and comparison pickers (presets or dates), the dimension tabs,
// the totals as tiles, the charts, the table of figures with their change, the heat map and
// the CSV link. Changing the selection changes the URL; the server computes the report.
import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { PageHeader } from '@/app/components/page-header';
import type { StatsReport } from '@/app/lib/stats/compute-stats';
import { PERIOD_PRESETS } from '@/app/lib/stats/period-presets';
import { FIGURE_KEYS, type FigureKey, type StatsFigures } from '@/app/lib/stats/stats-figures';
import { previousPeriod } from '@/app/lib/stats/stats-period';
import { STATS_DIMENSIONS, type StatsDimension } from '@/app/lib/stats/stats-dimensions';
import { figureDelta, figureKind } from './figure-format';
import { HeatMap } from './heat-map';
import { OutcomesChart, RowsChart, TimelineChart } from './stats-charts';
import { selectionQuery, type CompareMode, type StatsSelection } from './stats-selection';

const TILES: FigureKey[] = ['offered', 'answerRate', 'serviceLevel', 'avgWaitMs', 'p90WaitMs', 'avgTalkMs'];

export function StatsView({ report, selection, csvHref }: { report: StatsReport; selection: StatsSelection; csvHref: string }) {
  const t = useTranslations('stats');
  const format = useFormatter();
  const router = useRouter();
  const [draft, setDraft] = useState(selection);
  const go = (next: StatsSelection) => router.push(`/stats?${selectionQuery(next)}`);

  const day = (iso: string) => format.dateTime(new Date(`${iso}T12:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' });
  const value = (key: FigureKey, figures: StatsFigures | null) => {
    const v = figures?.[key];
    if (v === null || v === undefined) return t('noValue');
    const kind = figureKind(key);
    if (kind === 'rate') return t('percent', { value: format.number(v * 100, { maximumFractionDigits: 1 }) });
    if (kind === 'time') return t('seconds', { value: format.number(v / 1000, { maximumFractionDigits: 1 }) });
    return format.number(v);
  };
  const delta = (key: FigureKey, current: StatsFigures, previous: StatsFigures | null) => {
    const d = figureDelta(key, current, previous);
    if (!d) return null;
    const sign = d.value > 0 ? '+' : d.value < 0 ? '−' : '±';
    const text = `${sign}${t(d.unit, { value: format.number(Math.abs(d.value), { maximumFractionDigits: 1 }) })}`;
    return (
      <span className={`stats-delta ${d.tone}`} title={t('previousValue', { value: value(key, previous) })} aria-label={t('delta', { value: text })}>
        {text}
      </span>
    );
  };
  const noneLabel = t(`noneRow.${report.by}`);

  return (
    <>
      <PageHeader
        title={t('title')}
        intro={t('intro', { tz: report.tz })}
        actions={
          <a className="button" href={csvHref} download data-testid="stats-export">
            {t('exportCsv')}
          </a>
        }
      />
      <form
        className="card stats-filters"
        aria-label={t('filters')}
        onSubmit={(e) => {
          e.preventDefault();
          go(draft);
        }}
      >
        <div className="inline-fields">
          <div className="field">
            <label htmlFor="stats-preset">{t('period')}</label>
            <select
              id="stats-preset"
              value={draft.preset}
              onChange={(e) => {
                const preset = e.target.value as StatsSelection['preset'];
                const next = { ...draft, preset };
                setDraft(next);
                if (preset !== 'custom') go(next);
              }}
            >
              {[...PERIOD_PRESETS, 'custom' as const].map((p) => (
                <option key={p} value={p}>
                  {t(`presets.${p}`)}
                </option>
              ))}
            </select>
          </div>
          {draft.preset === 'custom' && (
            <>
              <div className="field">
                <label htmlFor="stats-from">{t('from')}</label>
                <input id="stats-from" type="date" value={draft.period.from} onChange={(e) => setDraft({ ...draft, period: { ...draft.period, from: e.target.value } })} />
              </div>
              <div className="field">
                <label htmlFor="stats-to">{t('to')}</label>
                <input id="stats-to" type="date" value={draft.period.to} onChange={(e) => setDraft({ ...draft, period: { ...draft.period, to: e.target.value } })} />
              </div>
            </>
          )}
          <div className="field">
            <label htmlFor="stats-compare">{t('comparison')}</label>
            <select
              id="stats-compare"
              value={draft.compare}
              onChange={(e) => {
                const compare = e.target.value as CompareMode;
                const next = { ...draft, compare, comparison: compare === 'none' ? null : (draft.comparison ?? previousPeriod(draft.period)) };
                setDraft(next);
                if (compare !== 'custom' && draft.preset !== 'custom') go(next);
              }}
            >
              {(['previous', 'none', 'custom'] as const).map((m) => (
                <option key={m} value={m}>
                  {t(`compareModes.${m}`)}
                </option>
              ))}
            </select>
          </div>
          {draft.compare === 'custom' && draft.comparison && (
            <>
              <div className="field">
                <label htmlFor="stats-compare-from">{t('from')}</label>
                <input id="stats-compare-from" type="date" value={draft.comparison.from} onChange={(e) => setDraft({ ...draft, comparison: { ...draft.comparison!, from: e.target.value } })} />
              </div>
              <div className="field">
                <label htmlFor="stats-compare-to">{t('to')}</label>
                <input id="stats-compare-to" type="date" value={draft.comparison.to} onChange={(e) => setDraft({ ...draft, comparison: { ...draft.comparison!, to: e.target.value } })} />
              </div>
            </>
          )}
          {(draft.preset === 'custom' || draft.compare === 'custom') && (
            <div className="field stats-apply">
              <button type="submit" className="button primary">
                {t('apply')}
              </button>
            </div>
          )}
        </div>
        <p className="muted" data-testid="stats-period">
          {t('periodLabel', { from: day(report.period.from), to: day(report.period.to) })}
          {report.comparison && <> · {t('comparedWith', { from: day(report.comparison.from), to: day(report.comparison.to) })}</>}
        </p>
        {selection.invalid && (
          <p className="field-error" role="alert">
            {t('invalidPeriod')}
          </p>
        )}
      </form>

      <ul className="stats-tiles" aria-label={t('total')}>
        {TILES.map((key) => (
          <li key={key} className="card" data-testid={`stats-tile-${key}`}>
            <span className="muted">{t(`figures.${key}`)}</span>
            <strong>{value(key, report.totals.current)}</strong>
            {delta(key, report.totals.current, report.totals.previous)}
          </li>
        ))}
      </ul>

      <div className="stats-chart-grid">
        <TimelineChart timeline={report.timeline} />
        <OutcomesChart outcomes={report.outcomes} />
      </div>

      <nav className="stats-tabs" aria-label={t('groupBy')}>
        <span className="muted">{t('groupBy')}</span>
        {STATS_DIMENSIONS.map((by: StatsDimension) => (
          <button key={by} type="button" className={`button small${by === report.by ? ' primary' : ''}`} aria-pressed={by === report.by} onClick={() => go({ ...selection, by })}>
            {t(`dimensions.${by}`)}
          </button>
        ))}
      </nav>

      {report.totals.current.offered === 0 && !report.totals.previous?.offered ? (
        <div className="empty-state">
          <p>{t('empty')}</p>
        </div>
      ) : (
        <>
          <RowsChart rows={report.rows} noneLabel={noneLabel} />
          <div className="table-wrap stats-table">
            <table data-testid="stats-table">
              <caption className="visually-hidden">{t('title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`dimensions.${report.by}`)}</th>
                  {FIGURE_KEYS.map((key) => (
                    <th key={key} scope="col" title={key in HINTS ? t(`figureHints.${key as keyof typeof HINTS}`) : undefined}>
                      {t(`figures.${key}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.rows.map((row) => (
                  <tr key={row.key ?? ''} data-testid="stats-row">
                    <th scope="row">{row.label ?? <span className="muted">{noneLabel}</span>}</th>
                    {FIGURE_KEYS.map((key) => (
                      <td key={key} data-figure={key}>
                        {value(key, row.current)}
                        {delta(key, row.current, row.previous)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr data-testid="stats-total">
                  <th scope="row">{t('total')}</th>
                  {FIGURE_KEYS.map((key) => (
                    <td key={key} data-figure={key}>
                      {value(key, report.totals.current)}
                      {delta(key, report.totals.current, report.totals.previous)}
                    </td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}

      {!report.exactPercentiles && (
        <p className="muted" data-testid="stats-estimated">
          {t('estimatedPercentiles')}
        </p>
      )}

      <section className="card" aria-labelledby="stats-heat-map-title">
        <h2 id="stats-heat-map-title">{t('charts.heatMap')}</h2>
        <HeatMap cells={report.heatMap} />
      </section>
    </>
  );
}

const HINTS = { serviceLevel: true, p90WaitMs: true } as const;
