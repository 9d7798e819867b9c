-- CreateTable
CREATE TABLE "PrivacyStatementVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "language" TEXT NOT NULL,
    "markdown" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sourceUrl" TEXT,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedById" TEXT
);

-- CreateTable
CREATE TABLE "PrivacyStatementDraft" (
    "language" TEXT NOT NULL PRIMARY KEY,
    "markdown" TEXT NOT NULL DEFAULT '',
    "hostedUrl" TEXT,
    "updatedById" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_FormVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "formId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "language" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "newsletterIds" JSONB NOT NULL,
    "renderedText" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "controllerIdentity" TEXT NOT NULL,
    "privacyUrl" TEXT NOT NULL,
    "retentionStatement" TEXT NOT NULL,
    "purposeVersionIds" JSONB,
    "retentionPolicies" JSONB,
    "privacyStatementVersionId" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FormVersion_formId_fkey" FOREIGN KEY ("formId") REFERENCES "Form" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "FormVersion_privacyStatementVersionId_fkey" FOREIGN KEY ("privacyStatementVersionId") REFERENCES "PrivacyStatementVersion" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_FormVersion" ("contentHash", "controllerIdentity", "createdAt", "createdById", "definition", "formId", "id", "language", "newsletterIds", "privacyUrl", "purposeVersionIds", "renderedText", "retentionPolicies", "retentionStatement", "version") SELECT "contentHash", "controllerIdentity", "createdAt", "createdById", "definition", "formId", "id", "language", "newsletterIds", "privacyUrl", "purposeVersionIds", "renderedText", "retentionPolicies", "retentionStatement", "version" FROM "FormVersion";
DROP TABLE "FormVersion";
ALTER TABLE "new_FormVersion" RENAME TO "FormVersion";
CREATE INDEX "FormVersion_privacyStatementVersionId_idx" ON "FormVersion"("privacyStatementVersionId");
CREATE UNIQUE INDEX "FormVersion_formId_version_key" ON "FormVersion"("formId", "version");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "PrivacyStatementVersion_version_key" ON "PrivacyStatementVersion"("version");

-- CreateIndex
CREATE INDEX "PrivacyStatementVersion_language_version_idx" ON "PrivacyStatementVersion"("language", "version");
