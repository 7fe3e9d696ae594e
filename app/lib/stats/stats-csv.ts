// The statistics report as CSV, like the other exports: UTF-8 with a BOM, ";" (what French
// Excel opens directly), headers in the user's language. One line per row and one for the
// total; with a comparison period, each figure is followed by its comparison value. Rates are
// percentages, times seconds, decimal comma in French.
import { csvCell } from '@/app/lib/contacts/export-contacts';
import type { StatsReport } from './compute-stats';
import { FIGURE_KEYS, type FigureKey, type StatsFigures } from './stats-figures';

const HEADERS = {
  fr: {
    number: 'numéro', flow: 'flux', group: 'groupe', agent: 'agent', total: 'Total', none: '(aucun)', comparison: 'comparaison',
    period: 'période',
    figures: {
      offered: 'appels reçus', answered: 'répondus', answerRate: 'taux de réponse (%)', serviceLevel: 'niveau de service (%)',
      abandonedInIvr: 'abandonnés (SVI)', cancelledWhileRinging: 'annulés (sonnerie)', noAnswer: 'non répondus', busy: 'occupés',
      flowEnd: 'fins de parcours', avgWaitMs: 'attente moyenne (s)', p90WaitMs: 'attente p90 (s)', avgTalkMs: 'conversation moyenne (s)',
      transfers: 'transferts', callbacksRequested: 'rappels demandés', callbacksCompleted: 'rappels effectués', voicemails: 'messages vocaux',
    },
  },
  en: {
    number: 'number', flow: 'flow', group: 'group', agent: 'agent', total: 'Total', none: '(none)', comparison: 'comparison',
    period: 'period',
    figures: {
      offered: 'calls offered', answered: 'answered', answerRate: 'answer rate (%)', serviceLevel: 'service level (%)',
      abandonedInIvr: 'abandoned (IVR)', cancelledWhileRinging: 'cancelled (ringing)', noAnswer: 'no answer', busy: 'busy',
      flowEnd: 'flow-only ends', avgWaitMs: 'average wait (s)', p90WaitMs: 'p90 wait (s)', avgTalkMs: 'average talk (s)',
      transfers: 'transfers', callbacksRequested: 'callbacks requested', callbacksCompleted: 'callbacks completed', voicemails: 'voicemails',
    },
  },
} satisfies Record<'fr' | 'en', { figures: Record<FigureKey, string> } & Record<string, unknown>>;

function cell(figures: StatsFigures | null, key: FigureKey, french: boolean): string {
  const value = figures ? figures[key] : null;
  if (value === null || value === undefined) return '';
  let text: string;
  if (key === 'answerRate' || key === 'serviceLevel') text = (value * 100).toFixed(1);
  else if (key.endsWith('Ms')) text = (value / 1000).toFixed(1);
  else text = String(value);
  return french ? text.replace('.', ',') : text;
}

export function statsCsv(report: StatsReport, locale: string): string {
  const french = !locale.startsWith('en');
  const h = french ? HEADERS.fr : HEADERS.en;
  const compared = report.comparison !== null;
  const header = [h[report.by]];
  for (const key of FIGURE_KEYS) {
    header.push(h.figures[key]);
    if (compared) header.push(`${h.figures[key]} (${h.comparison})`);
  }
  const line = (name: string, current: StatsFigures, previous: StatsFigures | null) => {
    const cells = [name];
    for (const key of FIGURE_KEYS) {
      cells.push(cell(current, key, french));
      if (compared) cells.push(cell(previous, key, french));
    }
    return cells.map(csvCell).join(';');
  };
  const periodLine = `${h.period};${report.period.from};${report.period.to}${compared ? `;${h.comparison};${report.comparison!.from};${report.comparison!.to}` : ''}`;
  const lines = [header.map(csvCell).join(';')];
  for (const row of report.rows) lines.push(line(row.label ?? h.none, row.current, row.previous));
  lines.push(line(h.total, report.totals.current, report.totals.previous));
  return '\uFEFF' + [...lines, '', periodLine].join('\r\n') + '\r\n';
}
