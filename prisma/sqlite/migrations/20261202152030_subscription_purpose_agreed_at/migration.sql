-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN "purposeAgreedAt" DATETIME;
