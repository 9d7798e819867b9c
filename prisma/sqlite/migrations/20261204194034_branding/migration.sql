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
INSERT INTO "new_Newsletter" ("aimedAtChildren", "archivedAt", "categories", "createdAt", "customerProducts", "description", "frequency", "fromEmail", "fromName", "id", "language", "name", "publicArchive", "replyTo", "sendingBackend", "similarMap", "slug", "thirdPartyOffers", "updatedAt") SELECT "aimedAtChildren", "archivedAt", "categories", "createdAt", "customerProducts", "description", "frequency", "fromEmail", "fromName", "id", "language", "name", "publicArchive", "replyTo", "sendingBackend", "similarMap", "slug", "thirdPartyOffers", "updatedAt" FROM "Newsletter";
DROP TABLE "Newsletter";
ALTER TABLE "new_Newsletter" RENAME TO "Newsletter";
CREATE UNIQUE INDEX "Newsletter_slug_key" ON "Newsletter"("slug");
CREATE TABLE "new_Organisation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "name" TEXT NOT NULL DEFAULT '',
    "address" TEXT NOT NULL DEFAULT '',
    "contactEmail" TEXT NOT NULL DEFAULT '',
    "privacyUrl" TEXT NOT NULL DEFAULT '',
    "dpoContact" TEXT,
    "requireDoubleOptIn" BOOLEAN NOT NULL DEFAULT true,
    "customerWindowMonths" INTEGER DEFAULT 24,
    "isCharity" BOOLEAN NOT NULL DEFAULT false,
    "customerRecordMonths" INTEGER NOT NULL DEFAULT 24,
    "hostingProvider" TEXT NOT NULL DEFAULT '',
    "emailProvider" TEXT NOT NULL DEFAULT '',
    "brandColor" TEXT NOT NULL DEFAULT '',
    "logo" BLOB,
    "logoType" TEXT NOT NULL DEFAULT '',
    "logoHash" TEXT NOT NULL DEFAULT '',
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Organisation" ("address", "contactEmail", "customerRecordMonths", "customerWindowMonths", "dpoContact", "emailProvider", "hostingProvider", "id", "isCharity", "name", "privacyUrl", "requireDoubleOptIn", "updatedAt") SELECT "address", "contactEmail", "customerRecordMonths", "customerWindowMonths", "dpoContact", "emailProvider", "hostingProvider", "id", "isCharity", "name", "privacyUrl", "requireDoubleOptIn", "updatedAt" FROM "Organisation";
DROP TABLE "Organisation";
ALTER TABLE "new_Organisation" RENAME TO "Organisation";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
