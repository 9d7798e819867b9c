-- CreateTable
CREATE TABLE "LedgerHead" (
    "id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "LedgerHead_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LedgerHead_signedAt_idx" ON "LedgerHead"("signedAt");

-- CreateIndex
CREATE INDEX "LedgerHead_seq_idx" ON "LedgerHead"("seq");
