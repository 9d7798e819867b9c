-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "emailProvider" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "hostingProvider" TEXT NOT NULL DEFAULT '';
