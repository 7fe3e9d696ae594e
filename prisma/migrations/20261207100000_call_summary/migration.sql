-- Issue 15: each call's summary (flow, group, agents, wait, talk, transfers) as columns, written by
-- the runtime, so that the history's filters and the statistics read one row per call.
ALTER TABLE "Call" ADD COLUMN "flowId" TEXT,
  ADD COLUMN "groupId" TEXT,
  ADD COLUMN "agentId" TEXT,
  ADD COLUMN "agentIds" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
  ADD COLUMN "queuedAt" TIMESTAMP(3),
  ADD COLUMN "agentAnsweredAt" TIMESTAMP(3),
  ADD COLUMN "waitMs" INTEGER,
  ADD COLUMN "talkMs" INTEGER,
  ADD COLUMN "transferCount" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "voicemail" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "callbackRequested" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "endNodeId" TEXT;

-- Calls recorded before this migration: their flow from their version.
UPDATE "Call" c SET "flowId" = v."flowId" FROM "FlowVersion" v WHERE c."flowVersionId" = v."id";

CREATE INDEX "Call_organizationId_flowId_startedAt_idx" ON "Call"("organizationId", "flowId", "startedAt");
CREATE INDEX "Call_organizationId_groupId_startedAt_idx" ON "Call"("organizationId", "groupId", "startedAt");
CREATE INDEX "Call_organizationId_agentId_startedAt_idx" ON "Call"("organizationId", "agentId", "startedAt");
CREATE INDEX "Call_organizationId_entryNumber_startedAt_idx" ON "Call"("organizationId", "entryNumber", "startedAt");

ALTER TABLE "QueueGroup" ADD COLUMN "serviceLevelSeconds" INTEGER NOT NULL DEFAULT 20;
