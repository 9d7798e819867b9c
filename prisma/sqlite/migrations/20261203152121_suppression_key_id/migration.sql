-- AlterTable
ALTER TABLE "Suppression" ADD COLUMN "keyId" TEXT;
