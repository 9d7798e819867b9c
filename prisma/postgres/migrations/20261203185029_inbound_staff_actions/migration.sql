-- AlterTable
ALTER TABLE "Suppression" ADD COLUMN     "channel" TEXT;

-- AlterTable
ALTER TABLE "InboundMessage" ADD COLUMN     "handledAction" TEXT,
ADD COLUMN     "handledAt" TIMESTAMP(3),
ADD COLUMN     "handledById" TEXT;

-- CreateIndex
CREATE INDEX "InboundMessage_deliveryId_idx" ON "InboundMessage"("deliveryId");
