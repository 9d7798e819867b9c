-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN "basis" TEXT;
ALTER TABLE "Delivery" ADD COLUMN "decidedAt" DATETIME;
ALTER TABLE "Delivery" ADD COLUMN "decisionReason" TEXT;
ALTER TABLE "Delivery" ADD COLUMN "factsHash" TEXT;
ALTER TABLE "Delivery" ADD COLUMN "rulesVersion" TEXT;
