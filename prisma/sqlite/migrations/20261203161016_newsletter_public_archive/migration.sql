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
    "archivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Newsletter" ("aimedAtChildren", "archivedAt", "categories", "createdAt", "customerProducts", "description", "frequency", "fromEmail", "fromName", "id", "language", "name", "replyTo", "similarMap", "slug", "thirdPartyOffers", "updatedAt") SELECT "aimedAtChildren", "archivedAt", "categories", "createdAt", "customerProducts", "description", "frequency", "fromEmail", "fromName", "id", "language", "name", "replyTo", "similarMap", "slug", "thirdPartyOffers", "updatedAt" FROM "Newsletter";
DROP TABLE "Newsletter";
ALTER TABLE "new_Newsletter" RENAME TO "Newsletter";
CREATE UNIQUE INDEX "Newsletter_slug_key" ON "Newsletter"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
