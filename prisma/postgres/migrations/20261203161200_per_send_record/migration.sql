-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "basis" TEXT,
ADD COLUMN     "decidedAt" TIMESTAMP(3),
ADD COLUMN     "decisionReason" TEXT,
ADD COLUMN     "factsHash" TEXT,
ADD COLUMN     "rulesVersion" TEXT;
