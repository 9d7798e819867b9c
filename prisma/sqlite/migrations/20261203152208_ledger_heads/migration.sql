-- CreateTable
CREATE TABLE "LedgerHead" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "signedAt" DATETIME NOT NULL,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "reason" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "LedgerHead_signedAt_idx" ON "LedgerHead"("signedAt");

-- CreateIndex
CREATE INDEX "LedgerHead_seq_idx" ON "LedgerHead"("seq");
