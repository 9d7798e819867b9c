-- AlterTable
ALTER TABLE "Newsletter" ADD COLUMN     "publicArchive" BOOLEAN NOT NULL DEFAULT false;
