-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "purposeAgreedAt" TIMESTAMP(3);
