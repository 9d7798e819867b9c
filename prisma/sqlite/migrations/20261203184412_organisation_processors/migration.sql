-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Organisation" ("address", "contactEmail", "customerRecordMonths", "customerWindowMonths", "dpoContact", "id", "isCharity", "name", "privacyUrl", "requireDoubleOptIn", "updatedAt") SELECT "address", "contactEmail", "customerRecordMonths", "customerWindowMonths", "dpoContact", "id", "isCharity", "name", "privacyUrl", "requireDoubleOptIn", "updatedAt" FROM "Organisation";
DROP TABLE "Organisation";
ALTER TABLE "new_Organisation" RENAME TO "Organisation";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
