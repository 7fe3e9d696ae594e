// Flow analytics (issue 15 item 3): for one flow and a period, how many calls entered each node
// and how many left by each output — the funnel drawn on the canvas — and where calls ended.
//   1. The calls: Call rows of the organisation whose flow is this one (C0 `flowId`: the flow the
//      call started in), started in [from, to), optionally of one version (`flowVersionId`).
//   2. Their path: CallEvent rows `node-entered` (nodeId) and `output-taken` (nodeId + output, the
//      edge's sourceOutput), as the runtime writes them (flow-runtime/interpreter step-run.ts).
//      A call transferred into another flow goes on writing events of that flow: for the (few)
//      calls with a `flow-entered` event, each event belongs to the flow named by the last
//      `flow-entered` before it (none: the call's own flow), and only this flow's are counted.
//   3. Where calls ended: C0 `endNodeId`, or for a call without it (written before C0) the last
//      node it entered; `hungUp` = of those, the caller hung up in the IVR (outcome `abandoned`).
// `entered` counts calls (a call that loops back into a menu counts once), `entries` counts times
// entered; `taken` counts times an output was followed, so taken / entries is the share of the
// node's visits that left by that output.
//   4. The rollup (path-rollup.ts, README.md): ended calls' counts are summed per UTC hour and day
//      in FlowPathStat by the SQL function flow_path_rollup, which applies steps 2–3 to each call
//      once. The calls of the whole hours of the period that are rolled up (Call.pathRolledUpAt)
//      are read from there; the others (partial hours at the edges, calls in progress, not rolled
//      up yet) from their events as above, in the same statement (one snapshot): each call is counted once.
import type { PrismaClient } from '@/prisma/client';
import { Prisma } from '@/prisma/generated/client';
import type { FlowAnalyticsQuery } from './analytics-query';

export interface NodeAnalytics {
  nodeId: string;
  /** Calls that entered the node at least once. */
  entered: number;
  /** Times the node was entered (≥ entered: loops, retries through the graph). */
  entries: number;
  /** Calls that ended in this node. */
  ended: number;
  /** Of `ended`, calls where the caller hung up in the IVR (outcome abandoned). */
  hungUp: number;
}

export interface OutputAnalytics {
  nodeId: string;
  /** The output id (an edge's sourceOutput: a menu key, `timeout`, `open`…). */
  output: string;
  /** Times the output was taken. */
  taken: number;
  /** Calls that took it at least once. */
  calls: number;
}

export interface FlowAnalytics {
  flowId: string;
  versionId: string | null;
  from: string;
  to: string;
  /** Calls that started in this flow in the period. */
  calls: number;
  /** Of them, still in progress. */
  inProgress: number;
  /** Nodes at least one call entered or ended in (the others: zero). */
  nodes: NodeAnalytics[];
  outputs: OutputAnalytics[];
}

type Db = Pick<PrismaClient, '$queryRaw'>;

const HOUR = 3_600_000;
const DAY = 86_400_000;

export interface RollupWindow {
  /** FlowPathStat covers calls started in [rolledFrom, rolledTo) (whole UTC hours; empty when equal). */
  rolledFrom: Date;
  rolledTo: Date;
  /** Of it, whole UTC days [dayFrom, dayTo) are read from day rows, the hours around them from hour rows. */
  dayFrom: Date;
  dayTo: Date;
}

/**
 * The period split for the rollup (path-rollup.ts): FlowPathStat for the whole UTC hours
 * [rolledFrom, rolledTo) — day rows for the whole UTC days in it, hour rows for the rest — for
 * calls marked `pathRolledUpAt`; the events of every other call of the period: those of the
 * partial hours at the edges, and those not rolled up (in progress, just ended, seeded rows).
 * When the period holds no whole hour, everything is read from the events.
 */
export function rollupWindow(from: Date, to: Date): RollupWindow {
  const ceil = (d: Date, unit: number) => new Date(Math.ceil(d.getTime() / unit) * unit);
  const floor = (d: Date, unit: number) => new Date(Math.floor(d.getTime() / unit) * unit);
  let rolledFrom = ceil(from, HOUR);
  let rolledTo = floor(to, HOUR);
  if (rolledFrom >= rolledTo) rolledFrom = rolledTo = to;
  let dayFrom = ceil(rolledFrom, DAY);
  let dayTo = floor(rolledTo, DAY);
  if (dayFrom >= dayTo) dayFrom = dayTo = rolledTo;
  return { rolledFrom, rolledTo, dayFrom, dayTo };
}

export async function flowAnalytics(db: Db, organizationId: string, flowId: string, query: FlowAnalyticsQuery): Promise<FlowAnalytics> {
  const { from, to, versionId } = query;
  const { rolledFrom, rolledTo, dayFrom, dayTo } = rollupWindow(from, to);
  // the calls read from their events: the edges' (all of them) and the whole hours' not rolled up
  // (the partial index Call_flow_path_pending_idx); the three queries below share this set
  const calls = Prisma.sql`
      SELECT "id", "endNodeId", "outcome", "endedAt" FROM "Call"
      WHERE "organizationId" = ${organizationId} AND "flowId" = ${flowId} AND "startedAt" >= ${from} AND "startedAt" < ${rolledFrom}
        AND (${versionId}::text IS NULL OR "flowVersionId" = ${versionId}::text)
      UNION ALL
      SELECT "id", "endNodeId", "outcome", "endedAt" FROM "Call"
      WHERE "organizationId" = ${organizationId} AND "flowId" = ${flowId} AND "startedAt" >= ${rolledTo} AND "startedAt" < ${to}
        AND (${versionId}::text IS NULL OR "flowVersionId" = ${versionId}::text)
      UNION ALL
      SELECT "id", "endNodeId", "outcome", "endedAt" FROM "Call"
      WHERE "organizationId" = ${organizationId} AND "flowId" = ${flowId} AND "startedAt" >= ${rolledFrom} AND "startedAt" < ${rolledTo}
        AND "pathRolledUpAt" IS NULL AND "flowId" IS NOT NULL
        AND (${versionId}::text IS NULL OR "flowVersionId" = ${versionId}::text)`;
  // One statement, so one snapshot: a call rolled up while this runs is counted once, either way.
  // Rows: `path` (kind, node, output: times, calls), `end` (node: ended, hungUp), `total` (calls,
  // inProgress) from the events; `rolled` (node, output: calls, visits, ended, hungUp) from FlowPathStat.
  const rows = await db.$queryRaw<{ part: 'path' | 'end' | 'total' | 'rolled'; kind: string | null; nodeId: string | null; output: string | null; a: number; b: number; c: number; d: number }[]>`
      WITH c AS MATERIALIZED (${calls}), ev AS MATERIALIZED (
        SELECT e."callId", e."seq", e."kind", e."nodeId", e."output", e."data"->>'flowId' AS "mark"
        FROM "CallEvent" e JOIN c ON c."id" = e."callId"
        WHERE e."kind" IN ('flow-entered', 'node-entered', 'output-taken')
      ), moved AS (
        SELECT DISTINCT "callId" FROM ev WHERE "kind" = 'flow-entered'
      ), own AS (
        -- calls that stayed in their flow (nearly all): every event is this flow's
        SELECT ev."callId", ev."kind", ev."nodeId", ev."output" FROM ev
        WHERE ev."kind" <> 'flow-entered' AND NOT EXISTS (SELECT 1 FROM moved WHERE moved."callId" = ev."callId")
        UNION ALL
        -- calls that entered another flow: each event belongs to the flow of the last flow-entered before it
        -- (seq padded so that the text max is the last one; none before it: the call's own flow)
        SELECT s."callId", s."kind", s."nodeId", s."output" FROM (
          SELECT ev.*, substr(max(CASE WHEN ev."kind" = 'flow-entered' THEN lpad(ev."seq"::text, 10, '0') || coalesce(ev."mark", '') END)
                   OVER (PARTITION BY ev."callId" ORDER BY ev."seq"), 11) AS "inFlow"
          FROM ev JOIN moved ON moved."callId" = ev."callId"
        ) s
        WHERE s."kind" <> 'flow-entered' AND (s."inFlow" IS NULL OR s."inFlow" = ${flowId})
      ), per_call AS (
        SELECT "kind", "nodeId", "output", "callId", count(*) AS "n" FROM own WHERE "nodeId" IS NOT NULL GROUP BY 1, 2, 3, 4
      ), r AS (
        SELECT "nodeId", "output", "calls", "visits", "endedHere", "hungUpHere" FROM "FlowPathStat"
        WHERE "organizationId" = ${organizationId} AND "flowId" = ${flowId} AND "grain" = 'day' AND "start" >= ${dayFrom} AND "start" < ${dayTo}
          AND (${versionId}::text IS NULL OR "flowVersionId" = ${versionId}::text)
        UNION ALL
        SELECT "nodeId", "output", "calls", "visits", "endedHere", "hungUpHere" FROM "FlowPathStat"
        WHERE "organizationId" = ${organizationId} AND "flowId" = ${flowId} AND "grain" = 'hour' AND "start" >= ${rolledFrom} AND "start" < ${dayFrom}
          AND (${versionId}::text IS NULL OR "flowVersionId" = ${versionId}::text)
        UNION ALL
        SELECT "nodeId", "output", "calls", "visits", "endedHere", "hungUpHere" FROM "FlowPathStat"
        WHERE "organizationId" = ${organizationId} AND "flowId" = ${flowId} AND "grain" = 'hour' AND "start" >= ${dayTo} AND "start" < ${rolledTo}
          AND (${versionId}::text IS NULL OR "flowVersionId" = ${versionId}::text)
      )
      SELECT 'path' AS "part", "kind", "nodeId", "output", sum("n")::int AS "a", count(*)::int AS "b", 0 AS "c", 0 AS "d" FROM per_call GROUP BY 2, 3, 4
      UNION ALL
      SELECT 'end', NULL, COALESCE(c."endNodeId", (
               SELECT e."nodeId" FROM "CallEvent" e
               WHERE e."callId" = c."id" AND e."kind" = 'node-entered' ORDER BY e."seq" DESC LIMIT 1
             )),
             NULL, count(*)::int, (count(*) FILTER (WHERE c."outcome" = 'abandoned'))::int, 0, 0
      FROM c WHERE c."endedAt" IS NOT NULL GROUP BY 3
      UNION ALL
      SELECT 'total', NULL, NULL, NULL, count(*)::int, (count(*) FILTER (WHERE "endedAt" IS NULL))::int, 0, 0 FROM c
      UNION ALL
      SELECT 'rolled', NULL, "nodeId", "output", sum("calls")::int, sum("visits")::int, sum("endedHere")::int, sum("hungUpHere")::int
      FROM r GROUP BY 3, 4`;
  const paths = rows.filter((r) => r.part === 'path').map((r) => ({ kind: r.kind!, nodeId: r.nodeId!, output: r.output, times: r.a, calls: r.b }));
  const ends = rows.filter((r) => r.part === 'end').map((r) => ({ nodeId: r.nodeId, ended: r.a, hungUp: r.b }));
  const totals = rows.filter((r) => r.part === 'total').map((r) => ({ calls: r.a, inProgress: r.b }));
  const rolled = rows.filter((r) => r.part === 'rolled').map((r) => ({ nodeId: r.nodeId!, output: r.output!, calls: r.a, visits: r.b, ended: r.c, hungUp: r.d }));

  const nodes = new Map<string, NodeAnalytics>();
  const node = (nodeId: string) => {
    let n = nodes.get(nodeId);
    if (!n) nodes.set(nodeId, (n = { nodeId, entered: 0, entries: 0, ended: 0, hungUp: 0 }));
    return n;
  };
  const outputs = new Map<string, OutputAnalytics>();
  const output = (nodeId: string, id: string) => {
    const key = `${nodeId}\u0000${id}`;
    let o = outputs.get(key);
    if (!o) outputs.set(key, (o = { nodeId, output: id, taken: 0, calls: 0 }));
    return o;
  };
  // a call is either rolled up or read from its events (never both): the two add up
  for (const row of paths) {
    if (row.kind === 'node-entered') {
      const n = node(row.nodeId);
      n.entered += row.calls;
      n.entries += row.times;
    } else if (row.output) {
      const o = output(row.nodeId, row.output);
      o.taken += row.times;
      o.calls += row.calls;
    }
  }
  for (const row of ends) {
    if (!row.nodeId) continue;
    const n = node(row.nodeId);
    n.ended += row.ended;
    n.hungUp += row.hungUp;
  }
  let rolledCalls = 0;
  for (const row of rolled) {
    if (row.nodeId === '') {
      rolledCalls += row.calls;
    } else if (row.output === '') {
      const n = node(row.nodeId);
      n.entered += row.calls;
      n.entries += row.visits;
      n.ended += row.ended;
      n.hungUp += row.hungUp;
    } else {
      const o = output(row.nodeId, row.output);
      o.taken += row.visits;
      o.calls += row.calls;
    }
  }
  const byId = (a: { nodeId: string }, b: { nodeId: string }) => (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0);
  return {
    flowId,
    versionId,
    from: from.toISOString(),
    to: to.toISOString(),
    calls: (totals[0]?.calls ?? 0) + rolledCalls,
    inProgress: totals[0]?.inProgress ?? 0,
    nodes: [...nodes.values()].sort(byId),
    outputs: [...outputs.values()].sort((a, b) => byId(a, b) || (a.output < b.output ? -1 : a.output > b.output ? 1 : 0)),
  };
}
