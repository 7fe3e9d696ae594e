-- Calls in progress as consoles see them (issue 14, C2): upserted by the runtime, deleted at the end.
CREATE TABLE "LiveCall" (
    "callId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "agentIds" TEXT[],
    "view" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LiveCall_pkey" PRIMARY KEY ("callId")
);

CREATE INDEX "LiveCall_organizationId_idx" ON "LiveCall"("organizationId");
