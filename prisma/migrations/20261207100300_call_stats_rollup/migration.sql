-- Issue 15, statistics: a rollup of the calls per organisation, time zone and local day, built
-- on demand by app/lib/stats for days that are over (CallStatsDayDone marks a built day;
-- CallStatsDay holds its sums per number, flow, group and agent; CallStatsHour its calls per
-- hour). A month or a year then sums a few thousand rows instead of reading every call
-- (bench/stats.bench.ts). Triggers on "Call" delete the marks of the days a changed call
-- belongs to (sums follow by cascade), in whatever time zone they were built, so a late record
-- or a correction is counted at the next read.
CREATE TABLE "CallStatsDayDone" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "builtAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CallStatsDayDone_pkey" PRIMARY KEY ("id")
);
CREATE TABLE "CallStatsDay" (
    "doneId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "dimension" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "offered" INTEGER NOT NULL,
    "answered" INTEGER NOT NULL,
    "queued" INTEGER NOT NULL,
    "answeredInTime" INTEGER NOT NULL,
    "abandoned" INTEGER NOT NULL,
    "cancelled" INTEGER NOT NULL,
    "noAnswer" INTEGER NOT NULL,
    "busy" INTEGER NOT NULL,
    "flowEnd" INTEGER NOT NULL,
    "waitSumMs" BIGINT NOT NULL,
    "talkSumMs" BIGINT NOT NULL,
    "talkCount" INTEGER NOT NULL,
    "transfers" INTEGER NOT NULL,
    "callbacksRequested" INTEGER NOT NULL,
    "callbacksCompleted" INTEGER NOT NULL,
    "voicemails" INTEGER NOT NULL,
    "waitHistogram" INTEGER[],
    CONSTRAINT "CallStatsDay_pkey" PRIMARY KEY ("organizationId","timezone","dimension","day","key")
);
CREATE TABLE "CallStatsHour" (
    "doneId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "hour" INTEGER NOT NULL,
    "offered" INTEGER NOT NULL,
    "answered" INTEGER NOT NULL,
    CONSTRAINT "CallStatsHour_pkey" PRIMARY KEY ("organizationId","timezone","day","hour")
);
CREATE UNIQUE INDEX "CallStatsDayDone_organizationId_timezone_day_key" ON "CallStatsDayDone"("organizationId", "timezone", "day");
CREATE INDEX "CallStatsDay_doneId_idx" ON "CallStatsDay"("doneId");
CREATE INDEX "CallStatsHour_doneId_idx" ON "CallStatsHour"("doneId");
ALTER TABLE "CallStatsDay" ADD CONSTRAINT "CallStatsDay_doneId_fkey" FOREIGN KEY ("doneId") REFERENCES "CallStatsDayDone"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CallStatsHour" ADD CONSTRAINT "CallStatsHour_doneId_fkey" FOREIGN KEY ("doneId") REFERENCES "CallStatsDayDone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The marks of the days (in each mark's time zone) of the calls in `changed`.
CREATE FUNCTION "call_stats_forget_days"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "CallStatsDayDone" d
  USING (SELECT DISTINCT "organizationId", "startedAt" FROM changed) c
  WHERE d."organizationId" = c."organizationId"
    AND d."day" BETWEEN (c."startedAt"::date - 1) AND (c."startedAt"::date + 1)
    AND d."day" = ((c."startedAt" AT TIME ZONE 'UTC') AT TIME ZONE d."timezone")::date;
  RETURN NULL;
END $$;

CREATE TRIGGER "call_stats_forget_on_insert" AFTER INSERT ON "Call"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "call_stats_forget_days"();
CREATE TRIGGER "call_stats_forget_on_update" AFTER UPDATE ON "Call"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "call_stats_forget_days"();
CREATE TRIGGER "call_stats_forget_on_delete" AFTER DELETE ON "Call"
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "call_stats_forget_days"();
