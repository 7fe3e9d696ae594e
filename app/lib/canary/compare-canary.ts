// Live vs canary side by side, over the flow's calls since the canary started (Call.flowId is the
// flow the call entered; Call.canary says which side it was drawn on). Definitions as /stats
// (app/lib/stats/stats-figures.ts): abandon rate = (hung up in the IVR + hung up while an agent
// rang) / ended calls; time to answer = queued → an agent answered, over answered calls.
import type { Db } from '@/app/lib/db/transaction';

export const CANARY_OUTCOMES = ['answered', 'abandoned', 'cancelled', 'no_answer', 'busy', 'flow_end'] as const;
export type CanaryOutcome = (typeof CANARY_OUTCOMES)[number];

export interface CanarySide {
  /** Calls started since the canary started (in progress included). */
  calls: number;
  ended: number;
  inProgress: number;
  outcomes: Record<CanaryOutcome, number>;
  /** 0..1 over ended calls; null without any. */
  answerRate: number | null;
  abandonRate: number | null;
  /** Mean time from entering a queue group to an agent answering, answered calls only; null without any. */
  avgTimeToAnswerMs: number | null;
}

export interface CanaryComparison {
  since: string;
  live: CanarySide;
  canary: CanarySide;
}

interface Row {
  canary: boolean;
  calls: number;
  ended: number;
  answered: number;
  abandoned: number;
  cancelled: number;
  no_answer: number;
  busy: number;
  flow_end: number;
  avg_answer_ms: number | null;
}

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

function side(row: Row | undefined): CanarySide {
  const n = (v: unknown) => Number(v ?? 0);
  const outcomes = Object.fromEntries(CANARY_OUTCOMES.map((k) => [k, n(row?.[k])])) as Record<CanaryOutcome, number>;
  const ended = n(row?.ended);
  return {
    calls: n(row?.calls),
    ended,
    inProgress: n(row?.calls) - ended,
    outcomes,
    answerRate: ratio(outcomes.answered, ended),
    abandonRate: ratio(outcomes.abandoned + outcomes.cancelled, ended),
    avgTimeToAnswerMs: row?.avg_answer_ms === null || row?.avg_answer_ms === undefined ? null : Math.round(Number(row.avg_answer_ms)),
  };
}

export async function compareCanary(db: Db, organizationId: string, flowId: string, since: Date): Promise<CanaryComparison> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT "canary",
      count(*)::int AS calls,
      count(*) FILTER (WHERE "endedAt" IS NOT NULL)::int AS ended,
      count(*) FILTER (WHERE "outcome" = 'answered')::int AS answered,
      count(*) FILTER (WHERE "outcome" = 'abandoned')::int AS abandoned,
      count(*) FILTER (WHERE "outcome" = 'cancelled')::int AS cancelled,
      count(*) FILTER (WHERE "outcome" = 'no_answer')::int AS no_answer,
      count(*) FILTER (WHERE "outcome" = 'busy')::int AS busy,
      count(*) FILTER (WHERE "outcome" IS NULL AND "endedAt" IS NOT NULL)::int AS flow_end,
      avg("waitMs") FILTER (WHERE "agentAnsweredAt" IS NOT NULL)::float8 AS avg_answer_ms
    FROM "Call"
    WHERE "organizationId" = ${organizationId} AND "flowId" = ${flowId} AND "startedAt" >= ${since}
    GROUP BY "canary"`;
  return { since: since.toISOString(), live: side(rows.find((r) => !r.canary)), canary: side(rows.find((r) => r.canary)) };
}
