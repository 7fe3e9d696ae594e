-- CreateTable
CREATE TABLE "SipAuthThrottle" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "organizationId" TEXT,
    "failures" INTEGER NOT NULL,
    "refused" INTEGER NOT NULL DEFAULT 0,
    "bannedUntil" TIMESTAMP(3),
    "lastUsername" TEXT,
    "lastAddress" TEXT,
    "firstFailureAt" TIMESTAMP(3) NOT NULL,
    "lastFailureAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SipAuthThrottle_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SipAuthThrottle_organizationId_idx" ON "SipAuthThrottle"("organizationId");

-- CreateIndex
CREATE INDEX "SipAuthThrottle_lastFailureAt_idx" ON "SipAuthThrottle"("lastFailureAt");

-- CreateIndex
CREATE UNIQUE INDEX "SipAuthThrottle_kind_key_key" ON "SipAuthThrottle"("kind", "key");
