-- AlterTable
ALTER TABLE "FormVersion" ADD COLUMN     "privacyStatementVersionId" TEXT;

-- CreateTable
CREATE TABLE "PrivacyStatementVersion" (
    "id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "language" TEXT NOT NULL,
    "markdown" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sourceUrl" TEXT,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedById" TEXT,

    CONSTRAINT "PrivacyStatementVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrivacyStatementDraft" (
    "language" TEXT NOT NULL,
    "markdown" TEXT NOT NULL DEFAULT '',
    "hostedUrl" TEXT,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PrivacyStatementDraft_pkey" PRIMARY KEY ("language")
);

-- CreateIndex
CREATE UNIQUE INDEX "PrivacyStatementVersion_version_key" ON "PrivacyStatementVersion"("version");

-- CreateIndex
CREATE INDEX "PrivacyStatementVersion_language_version_idx" ON "PrivacyStatementVersion"("language", "version");

-- CreateIndex
CREATE INDEX "FormVersion_privacyStatementVersionId_idx" ON "FormVersion"("privacyStatementVersionId");

-- AddForeignKey
ALTER TABLE "FormVersion" ADD CONSTRAINT "FormVersion_privacyStatementVersionId_fkey" FOREIGN KEY ("privacyStatementVersionId") REFERENCES "PrivacyStatementVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;
