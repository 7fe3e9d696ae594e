'use client';
// The bar above the canvas for admins and supervisors (issue 15): the calls in this flow now
// (live), the "Statistics" toggle, its period (presets, or two days), the totals of the period,
// and the funnel as a table (every node: entered, ended here, and each output taken with its
// share) — the same figures the canvas draws, readable from the keyboard and by screen readers;
// a row's button selects the step on the canvas.
import './call-stats.css';
import { useId, useMemo } from 'react';
import { useFormatter, useTranslations } from 'next-intl';
import { STEP_METADATA, stepOutputs, isStepType } from '@/schemas';
import { PERIOD_PRESETS, nodeStats, outputStats, type PeriodPreset } from '../core/call-stats';
import { useEditorStore } from '../store';
import { useCallStatsStore } from './store';

export function StatsBar() {
  const t = useTranslations('flowAnalytics');
  const id = useId();
  const allowed = useCallStatsStore((s) => s.allowed);
  const showStats = useCallStatsStore((s) => s.showStats);
  const preset = useCallStatsStore((s) => s.preset);
  const custom = useCallStatsStore((s) => s.custom);
  const status = useCallStatsStore((s) => s.status);
  const stats = useCallStatsStore((s) => s.stats);
  const live = useCallStatsStore((s) => s.live);
  const connection = useCallStatsStore((s) => s.liveConnection);
  const versionId = useCallStatsStore((s) => s.versionId);
  const { setShowStats, setPeriod } = useCallStatsStore.getState();
  if (!allowed) return null;
  const liveTotal = Object.values(live).reduce((a, b) => a + b, 0);

  return (
    <section className="call-stats-bar" aria-label={t('barLabel')} data-testid="call-stats-bar">
      <div className="call-stats-row">
        <span className={`live-summary ${connection}`} role="status" aria-live="polite" data-testid="live-summary">
          <span className="live-dot" aria-hidden />
          {connection === 'connected' ? t('liveNow', { count: liveTotal }) : connection === 'reconnecting' ? t('liveReconnecting') : t('liveConnecting')}
        </span>
        <label className="stats-toggle">
          <input type="checkbox" role="switch" checked={showStats} onChange={(e) => setShowStats(e.target.checked)} data-testid="stats-toggle" />
          {t('toggle')}
        </label>
        {showStats && (
          <>
            <label className="stats-period" htmlFor={`${id}-preset`}>
              {t('period')}
            </label>
            <select id={`${id}-preset`} value={preset} onChange={(e) => setPeriod(e.target.value as PeriodPreset)} data-testid="stats-period">
              {PERIOD_PRESETS.map((p) => (
                <option key={p} value={p}>
                  {t(`presets.${p}`)}
                </option>
              ))}
            </select>
            {preset === 'custom' && (
              <>
                <label htmlFor={`${id}-from`} className="visually-hidden">
                  {t('from')}
                </label>
                <input
                  id={`${id}-from`}
                  type="date"
                  value={custom.from}
                  max={custom.to || undefined}
                  onChange={(e) => setPeriod('custom', { ...custom, from: e.target.value })}
                  data-testid="stats-from"
                />
                <span aria-hidden>→</span>
                <label htmlFor={`${id}-to`} className="visually-hidden">
                  {t('to')}
                </label>
                <input
                  id={`${id}-to`}
                  type="date"
                  value={custom.to}
                  min={custom.from || undefined}
                  onChange={(e) => setPeriod('custom', { ...custom, to: e.target.value })}
                  data-testid="stats-to"
                />
              </>
            )}
            <span className="stats-summary" role="status" aria-live="polite" data-testid="stats-summary">
              {status === 'loading' && t('loading')}
              {status === 'error' && <span className="stats-error">{t('loadFailed')}</span>}
              {status === 'ready' &&
                stats &&
                (stats.calls === 0
                  ? t('empty')
                  : t('totals', {
                      count: stats.calls,
                      inProgress: stats.inProgress,
                    }))}
              {status === 'idle' && preset === 'custom' && t('pickDays')}
              {versionId && status === 'ready' && <span className="muted"> · {t('versionOnly')}</span>}
            </span>
          </>
        )}
        {showStats && status === 'ready' && stats && stats.calls > 0 && <FunnelTable />}
      </div>
    </section>
  );
}

/** Every step with its figures, in the document's order; outputs with their share of the step's visits. */
function FunnelTable() {
  const t = useTranslations('flowAnalytics');
  const format = useFormatter();
  const nodes = useEditorStore((s) => s.nodes);
  const language = useEditorStore((s) => s.language);
  const stats = useCallStatsStore((s) => s.stats)!;
  const rows = useMemo(
    () =>
      nodes.map((n) => ({
        id: n.id,
        label: n.data.label || n.id,
        type: isStepType(n.type) ? STEP_METADATA[n.type].title[language] : n.type,
        figures: nodeStats(stats, n.id),
        outputs: stepOutputs({ type: n.type, config: n.data.config }, language).map((o) => ({
          id: o.id,
          label: o.label,
          ...outputStats(stats, n.id, o.id),
        })),
      })),
    [nodes, language, stats],
  );
  return (
    <details className="funnel">
      <summary>{t('funnelTitle')}</summary>
      <div className="funnel-scroll">
        <table data-testid="funnel-table">
          <thead>
            <tr>
              <th scope="col">{t('columns.step')}</th>
              <th scope="col">{t('columns.entered')}</th>
              <th scope="col">{t('columns.ended')}</th>
              <th scope="col">{t('columns.outputs')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-node={r.id}>
                <th scope="row">
                  <button
                    type="button"
                    className="button link"
                    onClick={(e) => {
                      // The table covers the canvas: close it to show the step.
                      const details = e.currentTarget.closest('details');
                      if (details) details.open = false;
                      useEditorStore.getState().requestFocus(r.id);
                    }}
                    title={t('showOnCanvas')}
                  >
                    {r.label}
                  </button>{' '}
                  <span className="muted">{r.type}</span>
                </th>
                <td>{format.number(r.figures.entered)}</td>
                <td>
                  {format.number(r.figures.ended)}
                  {r.figures.hungUp > 0 && <span className="muted"> ({t('hungUp', { count: r.figures.hungUp })})</span>}
                </td>
                <td>
                  {r.outputs.length === 0
                    ? '—'
                    : r.outputs.map((o, i) => (
                        <span key={o.id}>
                          {i > 0 && ' · '}
                          {o.percent !== null
                            ? t('outputFigureShare', { label: o.label, taken: o.taken, percent: o.percent })
                            : t('outputFigure', { label: o.label, taken: o.taken })}
                        </span>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
