// How a figure reads in the table and the tiles: counts as numbers, rates as percentages,
// times in seconds; and its change against the comparison period (relative for counts,
// percentage points for rates, seconds for times). `better` says which direction is good.
import type { FigureKey, StatsFigures } from '@/app/lib/stats/stats-figures';

export type FigureKind = 'count' | 'rate' | 'time';

export function figureKind(key: FigureKey): FigureKind {
  if (key === 'answerRate' || key === 'serviceLevel') return 'rate';
  if (key.endsWith('Ms')) return 'time';
  return 'count';
}

const HIGHER_IS_BETTER: Partial<Record<FigureKey, boolean>> = {
  answered: true,
  answerRate: true,
  serviceLevel: true,
  callbacksCompleted: true,
  abandonedInIvr: false,
  cancelledWhileRinging: false,
  noAnswer: false,
  busy: false,
  avgWaitMs: false,
  p90WaitMs: false,
};

export interface Delta {
  /** Signed, in the figure's unit: %, points or seconds. */
  value: number;
  unit: 'percent' | 'points' | 'seconds';
  tone: 'good' | 'bad' | 'neutral';
}

export function figureDelta(key: FigureKey, current: StatsFigures, previous: StatsFigures | null): Delta | null {
  if (!previous) return null;
  const now = current[key];
  const before = previous[key];
  if (now === null || before === null) return null;
  const kind = figureKind(key);
  let value: number;
  let unit: Delta['unit'];
  if (kind === 'rate') {
    value = Math.round((now - before) * 1000) / 10;
    unit = 'points';
  } else if (kind === 'time') {
    value = Math.round((now - before) / 100) / 10;
    unit = 'seconds';
  } else {
    if (before === 0) return null;
    value = Math.round(((now - before) / before) * 1000) / 10;
    unit = 'percent';
  }
  const better = HIGHER_IS_BETTER[key];
  const tone = value === 0 || better === undefined ? 'neutral' : value > 0 === better ? 'good' : 'bad';
  return { value, unit, tone };
}
