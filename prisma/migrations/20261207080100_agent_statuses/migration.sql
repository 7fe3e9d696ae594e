-- Issue 14: agents' statuses (pause reasons, lock, runtime activity, wrap-up), status change log, group colour and wrap-up.
-- AlterTable
ALTER TABLE "Agent" ADD COLUMN     "activity" TEXT,
ADD COLUMN     "activitySince" TIMESTAMP(3),
ADD COLUMN     "lockPauseReasonId" TEXT,
ADD COLUMN     "lockStatus" "AgentStatus",
ADD COLUMN     "lockedAt" TIMESTAMP(3),
ADD COLUMN     "lockedById" TEXT,
ADD COLUMN     "lockedByName" TEXT,
ADD COLUMN     "pauseReasonId" TEXT,
ADD COLUMN     "statusSince" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "wrapUpChoiceSeconds" INTEGER,
ADD COLUMN     "wrapUpEndsAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "QueueGroup" ADD COLUMN     "color" TEXT NOT NULL DEFAULT '#4f7cac',
ADD COLUMN     "wrapUpSeconds" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "PauseReason" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PauseReason_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgentStatusChange" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "fromStatus" TEXT NOT NULL,
    "toStatus" TEXT NOT NULL,
    "pauseReasonId" TEXT,
    "pauseReasonLabel" TEXT,
    "source" TEXT NOT NULL,
    "byUserId" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgentStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PauseReason_organizationId_position_idx" ON "PauseReason"("organizationId", "position");

-- CreateIndex
CREATE INDEX "AgentStatusChange_agentId_at_idx" ON "AgentStatusChange"("agentId", "at");

-- CreateIndex
CREATE INDEX "AgentStatusChange_organizationId_at_idx" ON "AgentStatusChange"("organizationId", "at");

-- AddForeignKey
ALTER TABLE "Agent" ADD CONSTRAINT "Agent_pauseReasonId_fkey" FOREIGN KEY ("pauseReasonId") REFERENCES "PauseReason"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agent" ADD CONSTRAINT "Agent_lockPauseReasonId_fkey" FOREIGN KEY ("lockPauseReasonId") REFERENCES "PauseReason"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PauseReason" ADD CONSTRAINT "PauseReason_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgentStatusChange" ADD CONSTRAINT "AgentStatusChange_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

