-- AlterTable
ALTER TABLE "LedgerHead" ADD COLUMN "anchoredEmailAt" DATETIME;
ALTER TABLE "LedgerHead" ADD COLUMN "tsaAt" DATETIME;
ALTER TABLE "LedgerHead" ADD COLUMN "tsaToken" TEXT;

-- CreateTable
CREATE TABLE "LedgerAnchorAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "headId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "detail" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "LedgerAnchorAttempt_channel_at_idx" ON "LedgerAnchorAttempt"("channel", "at");
