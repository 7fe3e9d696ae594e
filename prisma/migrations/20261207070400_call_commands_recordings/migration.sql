-- Issue 13: the command channel (CallCommand, admin → runtime through PostgreSQL) and call recordings (CallRecording).
-- CreateEnum
CREATE TYPE "CallCommandStatus" AS ENUM ('pending', 'running', 'done', 'failed', 'expired');

-- CreateTable
CREATE TABLE "CallCommand" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "requestedById" TEXT,
    "status" "CallCommandStatus" NOT NULL DEFAULT 'pending',
    "result" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "claimedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "runtime" TEXT,

    CONSTRAINT "CallCommand_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallRecording" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "agentId" TEXT,
    "startedBy" TEXT NOT NULL,
    "startedByUserId" TEXT,
    "startedByAgentId" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "endReason" TEXT NOT NULL,
    "audio" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CallRecording_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CallCommand_callId_status_idx" ON "CallCommand"("callId", "status");

-- CreateIndex
CREATE INDEX "CallCommand_organizationId_createdAt_idx" ON "CallCommand"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "CallRecording_callId_idx" ON "CallRecording"("callId");

-- CreateIndex
CREATE INDEX "CallRecording_organizationId_startedAt_idx" ON "CallRecording"("organizationId", "startedAt");

-- AddForeignKey
ALTER TABLE "CallCommand" ADD CONSTRAINT "CallCommand_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallRecording" ADD CONSTRAINT "CallRecording_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

