-- Issue 17, canary publish: a published version that is not the live one runs a share of a
-- flow's new calls (FlowCanary, one per flow), and each call says whether it ran it (Call.canary).
-- A constant default: PostgreSQL adds the column without rewriting the Call table.
ALTER TABLE "Call" ADD COLUMN "canary" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "FlowCanary" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "percent" INTEGER NOT NULL,
    "numberIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedById" TEXT,

    CONSTRAINT "FlowCanary_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "FlowCanary_percent_check" CHECK ("percent" BETWEEN 1 AND 99)
);

CREATE UNIQUE INDEX "FlowCanary_flowId_key" ON "FlowCanary"("flowId");
CREATE INDEX "FlowCanary_organizationId_idx" ON "FlowCanary"("organizationId");

ALTER TABLE "FlowCanary" ADD CONSTRAINT "FlowCanary_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "FlowCanary" ADD CONSTRAINT "FlowCanary_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "FlowVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- "Publish the draft as canary": a version numbered in the published sequence that is never
-- live (every live lookup reads status 'published') until promoted. Prisma runs this file in
-- one transaction: PostgreSQL (12+) accepts ADD VALUE there but the new value cannot be used
-- before the commit, so nothing below names 'canary' (the trigger compares with 'draft').
ALTER TYPE "FlowVersionStatus" ADD VALUE IF NOT EXISTS 'canary';

-- Every non-draft version (published or canary) is immutable.
CREATE OR REPLACE FUNCTION relais_forbid_published_version_change() RETURNS trigger AS $$
BEGIN
  IF OLD."status" <> 'draft' THEN
    RAISE EXCEPTION 'published flow version % is immutable', OLD."id" USING ERRCODE = 'P0001';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
