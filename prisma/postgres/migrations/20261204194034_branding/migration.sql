-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "brandColor" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "logo" BYTEA,
ADD COLUMN     "logoHash" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "logoType" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Newsletter" ADD COLUMN     "template" TEXT NOT NULL DEFAULT 'branded';
