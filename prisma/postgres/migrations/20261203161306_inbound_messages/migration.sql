-- CreateTable
CREATE TABLE "InboundMessage" (
    "id" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "source" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "rawHash" TEXT NOT NULL,
    "deliveryId" TEXT,
    "subscriberId" TEXT,
    "action" TEXT NOT NULL,
    "summary" JSONB,
    "excerpt" TEXT,

    CONSTRAINT "InboundMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "InboundMessage_rawHash_key" ON "InboundMessage"("rawHash");

-- CreateIndex
CREATE INDEX "InboundMessage_subscriberId_kind_receivedAt_idx" ON "InboundMessage"("subscriberId", "kind", "receivedAt");

-- CreateIndex
CREATE INDEX "InboundMessage_receivedAt_idx" ON "InboundMessage"("receivedAt");
