-- AlterTable
ALTER TABLE "Newsletter" ADD COLUMN     "footer" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "PurposeVersion" ADD COLUMN     "texts" JSONB;

-- CreateTable
CREATE TABLE "NewsletterText" (
    "id" TEXT NOT NULL,
    "newsletterId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "fromName" TEXT NOT NULL DEFAULT '',
    "footer" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "NewsletterText_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "NewsletterText_newsletterId_language_key" ON "NewsletterText"("newsletterId", "language");

-- AddForeignKey
ALTER TABLE "NewsletterText" ADD CONSTRAINT "NewsletterText_newsletterId_fkey" FOREIGN KEY ("newsletterId") REFERENCES "Newsletter"("id") ON DELETE CASCADE ON UPDATE CASCADE;
