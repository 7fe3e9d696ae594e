-- Call history (issue 15): the caller search and a call's voicemail links use an index.
-- EXPLAIN over 1,000,000 calls: a caller prefix was a parallel sequential scan (60 ms alone on
-- this machine); with this index and a range condition it is an index scan (< 1 ms). The keyset
-- pages on (startedAt desc, id desc) need no new index: (organizationId, startedAt) scanned
-- backwards plus an incremental sort on id stays under 1 ms at any depth.

-- CreateIndex
CREATE INDEX "Call_organizationId_caller_startedAt_idx" ON "Call"("organizationId", "caller", "startedAt");

-- CreateIndex
CREATE INDEX "Voicemail_callId_idx" ON "Voicemail"("callId");
