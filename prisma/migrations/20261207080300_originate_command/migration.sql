-- C3 (issue 14): an `originate` command has no call yet; the runtime that claims it creates one.
ALTER TABLE "CallCommand" ALTER COLUMN "callId" DROP NOT NULL;
