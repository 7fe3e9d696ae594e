'use client';
// Calls per day of the week × hour as a table whose cells are shaded by volume: readable by
// screen readers (each cell says its day, hour and count) and by the eye.
import { useFormatter, useTranslations } from 'next-intl';
import type { StatsReport } from '@/app/lib/stats/compute-stats';

// A Monday: its week gives the names of the days in the user's language.
const MONDAY = Date.UTC(2024, 0, 1, 12);

export function HeatMap({ cells }: { cells: StatsReport['heatMap'] }) {
  const t = useTranslations('stats.charts');
  const format = useFormatter();
  const max = Math.max(1, ...cells.map((c) => c.calls));
  const dayName = (dow: number, style: 'short' | 'long') => format.dateTime(new Date(MONDAY + (dow - 1) * 86_400_000), { weekday: style, timeZone: 'UTC' });
  const hours = Array.from({ length: 24 }, (_, h) => h);
  return (
    <div className="table-wrap heat-map" data-testid="stats-heat-map">
      <table>
        <caption className="visually-hidden">{t('heatMap')}</caption>
        <thead>
          <tr>
            <th scope="col" />
            {hours.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[1, 2, 3, 4, 5, 6, 7].map((dow) => (
            <tr key={dow}>
              <th scope="row">{dayName(dow, 'short')}</th>
              {hours.map((h) => {
                const calls = cells.find((c) => c.dayOfWeek === dow && c.hour === h)?.calls ?? 0;
                const level = calls / max;
                return (
                  <td
                    key={h}
                    title={t('heatMapCell', { day: dayName(dow, 'long'), hour: h, count: calls })}
                    aria-label={t('heatMapCell', { day: dayName(dow, 'long'), hour: h, count: calls })}
                    style={{ background: calls ? `rgba(31, 95, 191, ${0.08 + level * 0.85})` : undefined, color: level > 0.55 ? '#fff' : undefined }}
                  >
                    {calls || ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
