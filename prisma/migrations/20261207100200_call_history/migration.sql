-- Call history (issue 15): the caller search and a call's voicemail links use an index.
-- EXPLAIN over 1,000,000 calls: a caller prefix was a parallel sequential scan (60 ms alone on
-- this machine); with this index and a range condition it is an index scan (< 1 ms). The keyset
-- pages on (startedAt desc, id desc) need no new index: (organizationId, startedAt) scanned
-- backwards plus an incremental sort on id stays under 1 ms at any depth. The agent filter
-- (Call.agentIds) for an agent with few calls (one who left months ago) scanned the whole
-- organisation backwards (0.5 to 1.6 s); the GIN index answers it in under 1 ms.

-- CreateIndex
CREATE INDEX "Call_organizationId_caller_startedAt_idx" ON "Call"("organizationId", "caller", "startedAt");

-- CreateIndex
CREATE INDEX "Voicemail_callId_idx" ON "Voicemail"("callId");

-- CreateIndex
CREATE INDEX "Call_agentIds_idx" ON "Call" USING GIN ("agentIds");
