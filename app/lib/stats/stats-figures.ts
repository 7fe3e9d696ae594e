// The figures of one row of the statistics (a number, flow, group or agent, or the total) and
// how they are derived from the SQL counts. Definitions (contract C2 of issue 15):
// - offered: calls that ended in the period (calls in progress count once they end);
// - answerRate = answered / offered (an agent answered);
// - serviceLevel = answered within the group's serviceLevelSeconds / calls offered to a group
//   (queued: waitMs set); calls without a group use 20 s;
// - avgWaitMs, p90WaitMs: over calls offered to a group, answered or not;
// - avgTalkMs: over answered calls.
export const OUTCOME_KEYS = ['answered', 'abandoned', 'cancelled', 'no_answer', 'busy', 'flow_end'] as const;
export type OutcomeKey = (typeof OUTCOME_KEYS)[number];

export interface StatsFigures {
  offered: number;
  answered: number;
  /** 0..1, null without calls. */
  answerRate: number | null;
  /** Calls offered to a queue group (the service level's denominator). */
  queued: number;
  answeredInTime: number;
  /** 0..1, null when no call reached a group. */
  serviceLevel: number | null;
  abandonedInIvr: number;
  cancelledWhileRinging: number;
  noAnswer: number;
  busy: number;
  flowEnd: number;
  avgWaitMs: number | null;
  p90WaitMs: number | null;
  avgTalkMs: number | null;
  transfers: number;
  callbacksRequested: number;
  callbacksCompleted: number;
  voicemails: number;
}

/** The figures in the order of the table and the CSV. */
export const FIGURE_KEYS = [
  'offered',
  'answered',
  'answerRate',
  'serviceLevel',
  'abandonedInIvr',
  'cancelledWhileRinging',
  'noAnswer',
  'busy',
  'flowEnd',
  'avgWaitMs',
  'p90WaitMs',
  'avgTalkMs',
  'transfers',
  'callbacksRequested',
  'callbacksCompleted',
  'voicemails',
] as const satisfies readonly (keyof StatsFigures)[];
export type FigureKey = (typeof FIGURE_KEYS)[number];

/** A row as the SQL returns it (counts as integers, averages as floats or null). */
export interface FigureCounts {
  offered: number;
  answered: number;
  queued: number;
  answeredInTime: number;
  abandoned: number;
  cancelled: number;
  noAnswer: number;
  busy: number;
  flowEnd: number;
  avgWaitMs: number | null;
  p90WaitMs: number | null;
  avgTalkMs: number | null;
  transfers: number;
  callbacksRequested: number;
  callbacksCompleted: number;
  voicemails: number;
}

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);
const ms = (value: number | null) => (value === null || value === undefined ? null : Math.round(Number(value)));

export function toFigures(c: FigureCounts): StatsFigures {
  return {
    offered: c.offered,
    answered: c.answered,
    answerRate: ratio(c.answered, c.offered),
    queued: c.queued,
    answeredInTime: c.answeredInTime,
    serviceLevel: ratio(c.answeredInTime, c.queued),
    abandonedInIvr: c.abandoned,
    cancelledWhileRinging: c.cancelled,
    noAnswer: c.noAnswer,
    busy: c.busy,
    flowEnd: c.flowEnd,
    avgWaitMs: ms(c.avgWaitMs),
    p90WaitMs: ms(c.p90WaitMs),
    avgTalkMs: ms(c.avgTalkMs),
    transfers: c.transfers,
    callbacksRequested: c.callbacksRequested,
    callbacksCompleted: c.callbacksCompleted,
    voicemails: c.voicemails,
  };
}

export const EMPTY_COUNTS: FigureCounts = {
  offered: 0,
  answered: 0,
  queued: 0,
  answeredInTime: 0,
  abandoned: 0,
  cancelled: 0,
  noAnswer: 0,
  busy: 0,
  flowEnd: 0,
  avgWaitMs: null,
  p90WaitMs: null,
  avgTalkMs: null,
  transfers: 0,
  callbacksRequested: 0,
  callbacksCompleted: 0,
  voicemails: 0,
};

/** The outcome breakdown of a set of figures (the pie chart). */
export function outcomeBreakdown(f: StatsFigures): Record<OutcomeKey, number> {
  return { answered: f.answered, abandoned: f.abandonedInIvr, cancelled: f.cancelledWhileRinging, no_answer: f.noAnswer, busy: f.busy, flow_end: f.flowEnd };
}
