-- Issue 15 item 3: flow analytics rollup (app/lib/flow-analytics/README.md). When a call ends the
-- runtime (flow-runtime/records/call-recorder.ts, op `call.rollup`) calls flow_path_rollup(ARRAY[id]):
-- one statement marks the call (Call.pathRolledUpAt, only if not marked yet) and adds its counts
-- per node and output into FlowPathStat (the UTC hour and the UTC day of its start). A replay of
-- the same op finds the call marked and adds nothing; two concurrent runs serialise on the Call
-- row lock (the second re-checks "pathRolledUpAt" IS NULL after the first commits). The analytics API reads FlowPathStat
-- for whole UTC days (day rows) and whole hours (hour rows: the edges of a period in the
-- organisation's time zone), and the events of calls not marked (in progress, seeded, refused writes).

ALTER TABLE "Call" ADD COLUMN "pathRolledUpAt" TIMESTAMP(3);

CREATE TABLE "FlowPathStat" (
    "organizationId" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "flowVersionId" TEXT NOT NULL,
    "grain" TEXT NOT NULL,
    "start" TIMESTAMP(3) NOT NULL,
    "nodeId" TEXT NOT NULL,
    "output" TEXT NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "visits" INTEGER NOT NULL DEFAULT 0,
    "endedHere" INTEGER NOT NULL DEFAULT 0,
    "hungUpHere" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "FlowPathStat_pkey" PRIMARY KEY ("organizationId", "flowId", "grain", "start", "flowVersionId", "nodeId", "output")
);

ALTER TABLE "FlowPathStat" ADD CONSTRAINT "FlowPathStat_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Adds the paths of the given calls (ended, with a flow, not rolled up yet) into FlowPathStat, once
-- in the row of the UTC hour they started in (grain 'hour') and once in that of the UTC day (grain
-- 'day'), and marks them; returns how many calls it added. The per-call counts are those of the raw scan in
-- app/lib/flow-analytics/flow-analytics.ts (keep the two in step):
--   node row (output ''): calls = 1 if the call entered the node (this flow's events only: after a
--     `flow-entered` marker, events belong to the flow it names), visits = times entered;
--   output row: calls = 1 if it took the output, visits = times taken;
--   endedHere / hungUpHere on the node it ended in (endNodeId, else its last node-entered);
--   the row with nodeId '' counts the call itself.
CREATE FUNCTION flow_path_rollup(call_ids TEXT[]) RETURNS INTEGER LANGUAGE sql AS $$
  WITH c AS (
    UPDATE "Call" SET "pathRolledUpAt" = now()
    WHERE "id" = ANY(call_ids) AND "pathRolledUpAt" IS NULL AND "endedAt" IS NOT NULL AND "flowId" IS NOT NULL
    RETURNING "id", "organizationId", "flowId", coalesce("flowVersionId", '') AS "flowVersionId",
              date_trunc('hour', "startedAt") AS "hour", "endNodeId", "outcome"
  ), ev AS MATERIALIZED (
    SELECT e."callId", e."seq", e."kind", e."nodeId", e."output", e."data"->>'flowId' AS "mark", c."flowId"
    FROM "CallEvent" e JOIN c ON c."id" = e."callId"
    WHERE e."kind" IN ('flow-entered', 'node-entered', 'output-taken')
  ), moved AS (
    SELECT DISTINCT "callId" FROM ev WHERE "kind" = 'flow-entered'
  ), own AS (
    SELECT ev."callId", ev."kind", ev."nodeId", ev."output" FROM ev
    WHERE ev."kind" <> 'flow-entered' AND NOT EXISTS (SELECT 1 FROM moved WHERE moved."callId" = ev."callId")
    UNION ALL
    SELECT s."callId", s."kind", s."nodeId", s."output" FROM (
      SELECT ev.*, substr(max(CASE WHEN ev."kind" = 'flow-entered' THEN lpad(ev."seq"::text, 10, '0') || coalesce(ev."mark", '') END)
               OVER (PARTITION BY ev."callId" ORDER BY ev."seq"), 11) AS "inFlow"
      FROM ev JOIN moved ON moved."callId" = ev."callId"
    ) s
    WHERE s."kind" <> 'flow-entered' AND (s."inFlow" IS NULL OR s."inFlow" = s."flowId")
  ), per_call AS (
    SELECT "callId", "nodeId", CASE WHEN "kind" = 'node-entered' THEN '' ELSE "output" END AS "output", count(*)::int AS "n"
    FROM own
    WHERE "nodeId" IS NOT NULL AND "nodeId" <> '' AND ("kind" = 'node-entered' OR coalesce("output", '') <> '')
    GROUP BY 1, 2, 3
  ), ends AS (
    SELECT c.*, coalesce(c."endNodeId", (
             SELECT e."nodeId" FROM "CallEvent" e
             WHERE e."callId" = c."id" AND e."kind" = 'node-entered' ORDER BY e."seq" DESC LIMIT 1
           )) AS "endAt"
    FROM c
  ), delta AS (
    SELECT "organizationId", "flowId", "flowVersionId", "hour", '' AS "nodeId", '' AS "output", 1 AS "calls", 0 AS "visits", 0 AS "ended", 0 AS "hungUp" FROM c
    UNION ALL
    SELECT c."organizationId", c."flowId", c."flowVersionId", c."hour", p."nodeId", p."output", 1, p."n", 0, 0
    FROM per_call p JOIN c ON c."id" = p."callId"
    UNION ALL
    SELECT "organizationId", "flowId", "flowVersionId", "hour", "endAt", '', 0, 0, 1, CASE WHEN "outcome" = 'abandoned' THEN 1 ELSE 0 END
    FROM ends WHERE "endAt" IS NOT NULL AND "endAt" <> ''
  ), written AS (
    INSERT INTO "FlowPathStat" ("organizationId", "flowId", "grain", "start", "flowVersionId", "nodeId", "output", "calls", "visits", "endedHere", "hungUpHere")
    SELECT d."organizationId", d."flowId", g."grain", CASE WHEN g."grain" = 'hour' THEN d."hour" ELSE date_trunc('day', d."hour") END,
           d."flowVersionId", d."nodeId", d."output", sum(d."calls"), sum(d."visits"), sum(d."ended"), sum(d."hungUp")
    FROM delta d CROSS JOIN (VALUES ('day'), ('hour')) g("grain")
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    -- the primary key's order: concurrent rollups lock rows in one order (no deadlock between them)
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT ("organizationId", "flowId", "grain", "start", "flowVersionId", "nodeId", "output") DO UPDATE SET
      "calls" = "FlowPathStat"."calls" + EXCLUDED."calls",
      "visits" = "FlowPathStat"."visits" + EXCLUDED."visits",
      "endedHere" = "FlowPathStat"."endedHere" + EXCLUDED."endedHere",
      "hungUpHere" = "FlowPathStat"."hungUpHere" + EXCLUDED."hungUpHere"
    RETURNING 1
  )
  SELECT count(*)::int FROM c;
$$;

-- Calls recorded before this migration.
SELECT flow_path_rollup(array_agg("id")) FROM "Call"
WHERE "pathRolledUpAt" IS NULL AND "endedAt" IS NOT NULL AND "flowId" IS NOT NULL;

-- Calls of a flow whose path is not in FlowPathStat yet (few: in progress, just ended, seeded rows).
-- Made after the backfill, so that it starts small (the planner reads it for every period).
CREATE INDEX "Call_flow_path_pending_idx" ON "Call"("organizationId", "flowId", "startedAt")
  WHERE "pathRolledUpAt" IS NULL AND "flowId" IS NOT NULL;
