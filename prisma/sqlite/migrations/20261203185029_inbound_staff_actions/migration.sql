-- AlterTable
ALTER TABLE "InboundMessage" ADD COLUMN "handledAction" TEXT;
ALTER TABLE "InboundMessage" ADD COLUMN "handledAt" DATETIME;
ALTER TABLE "InboundMessage" ADD COLUMN "handledById" TEXT;

-- AlterTable
ALTER TABLE "Suppression" ADD COLUMN "channel" TEXT;

-- CreateIndex
CREATE INDEX "InboundMessage_deliveryId_idx" ON "InboundMessage"("deliveryId");
