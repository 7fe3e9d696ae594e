'use client';
// The charts of the statistics page, drawn by recharts (SVG with inline styles, allowed by the
// admin's CSP): calls per day (or hour) offered and answered, the outcome breakdown of the
// period (and of the comparison period as the inner ring), and offered/answered per row.
import { useTranslations } from 'next-intl';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { StatsReport } from '@/app/lib/stats/compute-stats';
import { OUTCOME_KEYS } from '@/app/lib/stats/stats-figures';

const OUTCOME_COLORS: Record<(typeof OUTCOME_KEYS)[number], string> = {
  answered: '#2e7d32',
  abandoned: '#c62828',
  cancelled: '#ef6c00',
  no_answer: '#f9a825',
  busy: '#6a1b9a',
  flow_end: '#546e7a',
};
const OFFERED = '#9db4d9';
const ANSWERED = '#1f5fbf';

export function TimelineChart({ timeline }: { timeline: StatsReport['timeline'] }) {
  const t = useTranslations('stats');
  const data = timeline.points.map((p) => ({ ...p, label: timeline.unit === 'hour' ? `${p.at.slice(11)} h` : p.at.slice(5).split('-').reverse().join('/') }));
  return (
    <figure className="card stats-chart" data-testid="stats-timeline">
      <figcaption>{t(timeline.unit === 'hour' ? 'charts.timelineHourly' : 'charts.timeline')}</figcaption>
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend />
          <Bar dataKey="offered" name={t('series.offered')} fill={OFFERED} isAnimationActive={false} />
          <Bar dataKey="answered" name={t('series.answered')} fill={ANSWERED} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function OutcomesChart({ outcomes }: { outcomes: StatsReport['outcomes'] }) {
  const t = useTranslations('stats');
  const slices = (values: Record<string, number>) => OUTCOME_KEYS.map((key) => ({ key, name: t(`outcomes.${key}`), value: values[key] })).filter((s) => s.value > 0);
  const current = slices(outcomes.current);
  const previous = outcomes.previous ? slices(outcomes.previous) : [];
  return (
    <figure className="card stats-chart" data-testid="stats-outcomes">
      <figcaption>{t(outcomes.previous ? 'charts.outcomesCompared' : 'charts.outcomes')}</figcaption>
      <ResponsiveContainer width="100%" height={240}>
        <PieChart>
          {previous.length > 0 && (
            <Pie data={previous} dataKey="value" nameKey="name" innerRadius={30} outerRadius={55} isAnimationActive={false} legendType="none">
              {previous.map((s) => (
                <Cell key={s.key} fill={OUTCOME_COLORS[s.key]} fillOpacity={0.55} />
              ))}
            </Pie>
          )}
          <Pie data={current} dataKey="value" nameKey="name" innerRadius={62} outerRadius={90} isAnimationActive={false}>
            {current.map((s) => (
              <Cell key={s.key} fill={OUTCOME_COLORS[s.key]} />
            ))}
          </Pie>
          <Tooltip />
          <Legend layout="vertical" align="right" verticalAlign="middle" />
        </PieChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function RowsChart({ rows, noneLabel }: { rows: StatsReport['rows']; noneLabel: string }) {
  const t = useTranslations('stats');
  const data = rows.slice(0, 12).map((r) => ({ name: r.label ?? noneLabel, offered: r.current.offered, answered: r.current.answered }));
  return (
    <figure className="card stats-chart" data-testid="stats-rows-chart">
      <figcaption>{t('charts.rows')}</figcaption>
      <ResponsiveContainer width="100%" height={Math.max(160, 34 * data.length + 60)}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
          <YAxis type="category" dataKey="name" width={170} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend />
          <Bar dataKey="offered" name={t('series.offered')} fill={OFFERED} isAnimationActive={false} />
          <Bar dataKey="answered" name={t('series.answered')} fill={ANSWERED} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
