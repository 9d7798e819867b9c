-- AlterTable
ALTER TABLE "FormVersion" ADD COLUMN "purposeVersionIds" JSONB;
ALTER TABLE "FormVersion" ADD COLUMN "retentionPolicies" JSONB;

-- AlterTable
ALTER TABLE "Issue" ADD COLUMN "declaredAt" DATETIME;
ALTER TABLE "Issue" ADD COLUMN "declaredById" TEXT;

-- AlterTable
ALTER TABLE "Send" ADD COLUMN "declaration" JSONB;

-- AlterTable
ALTER TABLE "Subscriber" ADD COLUMN "guardianEmail" TEXT;

-- CreateTable
CREATE TABLE "PurposeVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "newsletterId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "change" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "categories" JSONB NOT NULL,
    "fromName" TEXT NOT NULL,
    "fromEmail" TEXT NOT NULL,
    "thirdPartyOffers" BOOLEAN NOT NULL,
    "aimedAtChildren" BOOLEAN NOT NULL,
    "contentHash" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PurposeVersion_newsletterId_fkey" FOREIGN KEY ("newsletterId") REFERENCES "Newsletter" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConsentEvidence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "sourceName" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "textHash" TEXT NOT NULL,
    "shownAt" DATETIME,
    "namesOrg" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
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
    "fromEmail" TEXT NOT NULL,
    "replyTo" TEXT,
    "frequency" TEXT,
    "categories" JSONB NOT NULL,
    "similarMap" JSONB,
    "thirdPartyOffers" BOOLEAN NOT NULL DEFAULT false,
    "aimedAtChildren" BOOLEAN NOT NULL DEFAULT false,
    "customerProducts" JSONB,
    "archivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Newsletter" ("archivedAt", "categories", "createdAt", "description", "frequency", "fromEmail", "fromName", "id", "language", "name", "replyTo", "similarMap", "slug", "updatedAt") SELECT "archivedAt", "categories", "createdAt", "description", "frequency", "fromEmail", "fromName", "id", "language", "name", "replyTo", "similarMap", "slug", "updatedAt" FROM "Newsletter";
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
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Organisation" ("address", "contactEmail", "customerWindowMonths", "dpoContact", "id", "isCharity", "name", "privacyUrl", "requireDoubleOptIn", "updatedAt") SELECT "address", "contactEmail", "customerWindowMonths", "dpoContact", "id", "isCharity", "name", "privacyUrl", "requireDoubleOptIn", "updatedAt" FROM "Organisation";
DROP TABLE "Organisation";
ALTER TABLE "new_Organisation" RENAME TO "Organisation";
CREATE TABLE "new_Purchase" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "subscriberId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "category" TEXT NOT NULL,
    "reference" TEXT,
    "obtainedInSale" BOOLEAN NOT NULL DEFAULT true,
    "optOutOfferedAtCollection" BOOLEAN NOT NULL,
    "objected" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT NOT NULL DEFAULT 'api',
    "language" TEXT,
    "optOutEvidenceId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Purchase_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "Subscriber" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Purchase_optOutEvidenceId_fkey" FOREIGN KEY ("optOutEvidenceId") REFERENCES "ConsentEvidence" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Purchase" ("at", "category", "createdAt", "id", "objected", "obtainedInSale", "optOutOfferedAtCollection", "reference", "source", "subscriberId") SELECT "at", "category", "createdAt", "id", "objected", "obtainedInSale", "optOutOfferedAtCollection", "reference", "source", "subscriberId" FROM "Purchase";
DROP TABLE "Purchase";
ALTER TABLE "new_Purchase" RENAME TO "Purchase";
CREATE INDEX "Purchase_subscriberId_at_idx" ON "Purchase"("subscriberId", "at");
CREATE TABLE "new_RetentionPolicy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "newsletterId" TEXT,
    "pendingDays" INTEGER NOT NULL DEFAULT 7,
    "withdrawnGraceDays" INTEGER NOT NULL DEFAULT 30,
    "keepProofMonths" INTEGER NOT NULL DEFAULT 12,
    "deliveryLogDays" INTEGER NOT NULL DEFAULT 90,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RetentionPolicy_newsletterId_fkey" FOREIGN KEY ("newsletterId") REFERENCES "Newsletter" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_RetentionPolicy" ("deliveryLogDays", "id", "keepProofMonths", "newsletterId", "pendingDays", "updatedAt", "withdrawnGraceDays") SELECT "deliveryLogDays", "id", "keepProofMonths", "newsletterId", "pendingDays", "updatedAt", "withdrawnGraceDays" FROM "RetentionPolicy";
DROP TABLE "RetentionPolicy";
ALTER TABLE "new_RetentionPolicy" RENAME TO "RetentionPolicy";
CREATE UNIQUE INDEX "RetentionPolicy_newsletterId_key" ON "RetentionPolicy"("newsletterId");
CREATE TABLE "new_Subscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "subscriberId" TEXT NOT NULL,
    "newsletterId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "basis" TEXT NOT NULL DEFAULT 'consent',
    "method" TEXT,
    "source" TEXT NOT NULL DEFAULT 'own_form',
    "sourceProofNamesOrg" BOOLEAN NOT NULL DEFAULT false,
    "proofReference" TEXT,
    "givenBy" TEXT NOT NULL DEFAULT 'subject',
    "preTicked" BOOLEAN NOT NULL DEFAULT false,
    "bundled" BOOLEAN NOT NULL DEFAULT false,
    "conditional" BOOLEAN NOT NULL DEFAULT false,
    "thirdPartyOffers" BOOLEAN NOT NULL DEFAULT false,
    "formVersionId" TEXT,
    "purposeVersionId" TEXT,
    "evidenceId" TEXT,
    "givenAt" DATETIME,
    "confirmedAt" DATETIME,
    "unsubscribedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Subscription_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "Subscriber" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Subscription_newsletterId_fkey" FOREIGN KEY ("newsletterId") REFERENCES "Newsletter" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Subscription_formVersionId_fkey" FOREIGN KEY ("formVersionId") REFERENCES "FormVersion" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Subscription_purposeVersionId_fkey" FOREIGN KEY ("purposeVersionId") REFERENCES "PurposeVersion" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Subscription_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "ConsentEvidence" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Subscription" ("basis", "bundled", "conditional", "confirmedAt", "createdAt", "formVersionId", "givenAt", "givenBy", "id", "method", "newsletterId", "preTicked", "proofReference", "source", "sourceProofNamesOrg", "status", "subscriberId", "thirdPartyOffers", "unsubscribedAt", "updatedAt") SELECT "basis", "bundled", "conditional", "confirmedAt", "createdAt", "formVersionId", "givenAt", "givenBy", "id", "method", "newsletterId", "preTicked", "proofReference", "source", "sourceProofNamesOrg", "status", "subscriberId", "thirdPartyOffers", "unsubscribedAt", "updatedAt" FROM "Subscription";
DROP TABLE "Subscription";
ALTER TABLE "new_Subscription" RENAME TO "Subscription";
CREATE INDEX "Subscription_newsletterId_status_idx" ON "Subscription"("newsletterId", "status");
CREATE INDEX "Subscription_status_createdAt_idx" ON "Subscription"("status", "createdAt");
CREATE UNIQUE INDEX "Subscription_subscriberId_newsletterId_key" ON "Subscription"("subscriberId", "newsletterId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "PurposeVersion_newsletterId_version_key" ON "PurposeVersion"("newsletterId", "version");
