-- AlterTable
ALTER TABLE "PurposeVersion" ADD COLUMN "texts" JSONB;

-- CreateTable
CREATE TABLE "NewsletterText" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "newsletterId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "fromName" TEXT NOT NULL DEFAULT '',
    "footer" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "NewsletterText_newsletterId_fkey" FOREIGN KEY ("newsletterId") REFERENCES "Newsletter" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Newsletter" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "language" TEXT NOT NULL DEFAULT 'nl',
    "fromName" TEXT NOT NULL,
    "footer" TEXT NOT NULL DEFAULT '',
    "fromEmail" TEXT NOT NULL,
    "replyTo" TEXT,
    "frequency" TEXT,
    "categories" JSONB NOT NULL,
    "similarMap" JSONB,
    "thirdPartyOffers" BOOLEAN NOT NULL DEFAULT false,
    "aimedAtChildren" BOOLEAN NOT NULL DEFAULT false,
    "customerProducts" JSONB,
    "publicArchive" BOOLEAN NOT NULL DEFAULT false,
    "sendingBackend" TEXT,
    "template" TEXT NOT NULL DEFAULT 'branded',
    "archivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Newsletter" ("aimedAtChildren", "archivedAt", "categories", "createdAt", "customerProducts", "description", "frequency", "fromEmail", "fromName", "id", "language", "name", "publicArchive", "replyTo", "sendingBackend", "similarMap", "slug", "template", "thirdPartyOffers", "updatedAt") SELECT "aimedAtChildren", "archivedAt", "categories", "createdAt", "customerProducts", "description", "frequency", "fromEmail", "fromName", "id", "language", "name", "publicArchive", "replyTo", "sendingBackend", "similarMap", "slug", "template", "thirdPartyOffers", "updatedAt" FROM "Newsletter";
DROP TABLE "Newsletter";
ALTER TABLE "new_Newsletter" RENAME TO "Newsletter";
CREATE UNIQUE INDEX "Newsletter_slug_key" ON "Newsletter"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "NewsletterText_newsletterId_language_key" ON "NewsletterText"("newsletterId", "language");
