-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "customerRecordMonths" INTEGER NOT NULL DEFAULT 24;

-- AlterTable
ALTER TABLE "Newsletter" ADD COLUMN     "aimedAtChildren" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "customerProducts" JSONB,
ADD COLUMN     "thirdPartyOffers" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "FormVersion" ADD COLUMN     "purposeVersionIds" JSONB,
ADD COLUMN     "retentionPolicies" JSONB;

-- AlterTable
ALTER TABLE "Subscriber" ADD COLUMN     "guardianEmail" TEXT;

-- AlterTable
ALTER TABLE "Purchase" ADD COLUMN     "language" TEXT,
ADD COLUMN     "optOutEvidenceId" TEXT;

-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "evidenceId" TEXT,
ADD COLUMN     "purposeVersionId" TEXT;

-- AlterTable
ALTER TABLE "Issue" ADD COLUMN     "declaredAt" TIMESTAMP(3),
ADD COLUMN     "declaredById" TEXT;

-- AlterTable
ALTER TABLE "Send" ADD COLUMN     "declaration" JSONB;

-- AlterTable
ALTER TABLE "RetentionPolicy" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "PurposeVersion" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PurposeVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsentEvidence" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sourceName" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "textHash" TEXT NOT NULL,
    "shownAt" TIMESTAMP(3),
    "namesOrg" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsentEvidence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PurposeVersion_newsletterId_version_key" ON "PurposeVersion"("newsletterId", "version");

-- AddForeignKey
ALTER TABLE "PurposeVersion" ADD CONSTRAINT "PurposeVersion_newsletterId_fkey" FOREIGN KEY ("newsletterId") REFERENCES "Newsletter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Purchase" ADD CONSTRAINT "Purchase_optOutEvidenceId_fkey" FOREIGN KEY ("optOutEvidenceId") REFERENCES "ConsentEvidence"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_purposeVersionId_fkey" FOREIGN KEY ("purposeVersionId") REFERENCES "PurposeVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "ConsentEvidence"("id") ON DELETE SET NULL ON UPDATE CASCADE;
