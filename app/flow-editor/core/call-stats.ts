// Calls drawn on the canvas (issue 15): the analytics of a period per node and per edge (the
// funnel), and the calls in each node now. Pure functions over the API's answer
// (GET /api/flows/:id/analytics) and the live call views (C3: flowId, nodeId); no React, no I/O.

/** The answer of GET /api/flows/:id/analytics (app/lib/flow-analytics/flow-analytics.ts). */
export interface FlowAnalyticsAnswer {
  flowId: string;
  versionId: string | null;
  from: string;
  to: string;
  calls: number;
  inProgress: number;
  nodes: {
    nodeId: string;
    entered: number;
    entries: number;
    ended: number;
    hungUp: number;
  }[];
  outputs: { nodeId: string; output: string; taken: number; calls: number }[];
}

export interface NodeStats {
  entered: number;
  entries: number;
  ended: number;
  hungUp: number;
}

export interface OutputStats {
  taken: number;
  /** taken / entries of its node, 0–100 rounded; null when the node was never entered. */
  percent: number | null;
}

export const outputStatsKey = (nodeId: string, output: string) => `${nodeId}\u0000${output}`;

export interface StatsIndex {
  calls: number;
  inProgress: number;
  byNode: Map<string, NodeStats>;
  byOutput: Map<string, OutputStats>;
}

const ZERO: NodeStats = { entered: 0, entries: 0, ended: 0, hungUp: 0 };

/** Per node and per output, with each output's share of its node's visits. */
export function indexAnalytics(answer: FlowAnalyticsAnswer): StatsIndex {
  const byNode = new Map<string, NodeStats>(
    answer.nodes.map((n) => [
      n.nodeId,
      {
        entered: n.entered,
        entries: n.entries,
        ended: n.ended,
        hungUp: n.hungUp,
      },
    ]),
  );
  const byOutput = new Map<string, OutputStats>();
  for (const o of answer.outputs) {
    const visits = byNode.get(o.nodeId)?.entries ?? 0;
    byOutput.set(outputStatsKey(o.nodeId, o.output), {
      taken: o.taken,
      percent: visits > 0 ? Math.round((100 * o.taken) / visits) : null,
    });
  }
  return {
    calls: answer.calls,
    inProgress: answer.inProgress,
    byNode,
    byOutput,
  };
}

export function nodeStats(index: StatsIndex, nodeId: string): NodeStats {
  return index.byNode.get(nodeId) ?? ZERO;
}

export function outputStats(index: StatsIndex, nodeId: string, output: string): OutputStats {
  return (
    index.byOutput.get(outputStatsKey(nodeId, output)) ?? {
      taken: 0,
      percent: index.byNode.get(nodeId)?.entries ? 0 : null,
    }
  );
}

/** Stroke width of an edge by its share of the node's visits: the funnel reads from the widths. */
export function edgeWidth(stats: OutputStats): number {
  return 1.5 + ((stats.percent ?? 0) / 100) * 6;
}

/** A live call as the socket gives it (LiveCallView, C3): only what the canvas needs. */
export interface LiveCallLocation {
  callId: string;
  flowId?: string | null;
  nodeId?: string | null;
}

/** How many calls are in each node of this flow now. */
export function liveCountsByNode(calls: Iterable<LiveCallLocation>, flowId: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of calls) {
    if (call.flowId !== flowId || !call.nodeId) continue;
    counts[call.nodeId] = (counts[call.nodeId] ?? 0) + 1;
  }
  return counts;
}

// ---- the period picker ---------------------------------------------------------------------

export type PeriodPreset = 'today' | 'yesterday' | 'last7' | 'last30' | 'custom';
export const PERIOD_PRESETS: readonly PeriodPreset[] = ['today', 'yesterday', 'last7', 'last30', 'custom'];

/** A calendar day `YYYY-MM-DD`. */
export type Day = string;

export function dayOf(date: Date): Day {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function addDays(day: Day, days: number): Day {
  const [y, m, d] = day.split('-').map(Number);
  return dayOf(new Date(y, m - 1, d + days, 12));
}

/**
 * The API's `from` / `to` (plain days: midnight in the organisation's time zone; `to` excluded)
 * of a preset, or of a custom range of days (both included). Null when the custom range is incomplete
 * or reversed.
 */
export function periodQuery(preset: PeriodPreset, today: Day, custom?: { from: Day; to: Day }): { from: Day; to: Day } | null {
  switch (preset) {
    case 'today':
      return { from: today, to: addDays(today, 1) };
    case 'yesterday':
      return { from: addDays(today, -1), to: today };
    case 'last7':
      return { from: addDays(today, -6), to: addDays(today, 1) };
    case 'last30':
      return { from: addDays(today, -29), to: addDays(today, 1) };
    case 'custom':
      if (!custom || !/^\d{4}-\d{2}-\d{2}$/.test(custom.from) || !/^\d{4}-\d{2}-\d{2}$/.test(custom.to) || custom.from > custom.to) return null;
      return { from: custom.from, to: addDays(custom.to, 1) };
  }
}
