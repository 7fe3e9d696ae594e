-- Issue 15, statistics: the columns the statistics read, carried in an index on (organisation,
-- start) so that a period's figures are an index-only scan of narrow tuples instead of a scan
-- of the wide Call rows (bench/stats.bench.ts measures it).
CREATE INDEX "Call_organizationId_startedAt_stats_idx" ON "Call"("organizationId", "startedAt")
  INCLUDE ("endedAt", "outcome", "waitMs", "talkMs", "transferCount", "voicemail", "callbackRequested", "groupId", "agentId", "flowId", "entryNumber");
