-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "ratePerMinute" INTEGER NOT NULL DEFAULT 600,
ADD COLUMN     "scopes" TEXT NOT NULL DEFAULT 'write-subscribers';
