-- AlterTable
ALTER TABLE "LedgerHead" ADD COLUMN     "anchoredEmailAt" TIMESTAMP(3),
ADD COLUMN     "tsaAt" TIMESTAMP(3),
ADD COLUMN     "tsaToken" TEXT;

-- CreateTable
CREATE TABLE "LedgerAnchorAttempt" (
    "id" TEXT NOT NULL,
    "headId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "detail" TEXT NOT NULL,

    CONSTRAINT "LedgerAnchorAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LedgerAnchorAttempt_channel_at_idx" ON "LedgerAnchorAttempt"("channel", "at");
