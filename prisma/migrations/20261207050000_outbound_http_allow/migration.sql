-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "outboundHttpAllow" TEXT[] DEFAULT ARRAY[]::TEXT[];
