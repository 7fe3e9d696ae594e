// Live vs canary side by side since the canary started (GET /api/flows/:id/canary's comparison):
// calls, outcomes, answer and abandon rates, mean time to answer. Server component.
import { getFormatter, getTranslations } from 'next-intl/server';
import type { CanaryComparison, CanarySide } from '@/app/lib/canary/compare-canary';
import { CANARY_OUTCOMES } from '@/app/lib/canary/compare-canary';
import styles from './canary.module.css';

export async function CanaryComparisonTable({ comparison, liveNumber, canaryNumber }: { comparison: CanaryComparison; liveNumber: number | null; canaryNumber: number }) {
  const [t, tCalls, format] = await Promise.all([getTranslations('canary'), getTranslations('callHistory'), getFormatter()]);
  const pct = (v: number | null) => (v === null ? '—' : format.number(v, { style: 'percent', maximumFractionDigits: 1 }));
  const secs = (ms: number | null) => (ms === null ? '—' : t('compare.seconds', { s: format.number(ms / 1000, { maximumFractionDigits: 1 }) }));
  const rows: { key: string; label: string; value: (s: CanarySide) => string }[] = [
    { key: 'calls', label: t('compare.calls'), value: (s) => format.number(s.calls) },
    { key: 'inProgress', label: t('compare.inProgress'), value: (s) => format.number(s.inProgress) },
    ...CANARY_OUTCOMES.map((o) => ({ key: o, label: tCalls(`outcomes.${o}`), value: (s: CanarySide) => format.number(s.outcomes[o]) })),
    { key: 'answerRate', label: t('compare.answerRate'), value: (s) => pct(s.answerRate) },
    { key: 'abandonRate', label: t('compare.abandonRate'), value: (s) => pct(s.abandonRate) },
    { key: 'avgTimeToAnswer', label: t('compare.avgTimeToAnswer'), value: (s) => secs(s.avgTimeToAnswerMs) },
  ];
  return (
    <div className="table-wrap">
      <table className={styles.compare} data-testid="canary-comparison">
        <caption>{t('compare.caption', { since: format.dateTime(new Date(comparison.since), { dateStyle: 'medium', timeStyle: 'short' }) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('compare.figure')}</th>
            <th scope="col">{liveNumber === null ? t('compare.live') : t('compare.liveVersion', { number: liveNumber })}</th>
            <th scope="col">{t('compare.canaryVersion', { number: canaryNumber })}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-figure={r.key}>
              <th scope="row">{r.label}</th>
              <td data-side="live">{r.value(comparison.live)}</td>
              <td data-side="canary">{r.value(comparison.canary)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('compare.hint')}</p>
    </div>
  );
}
