-- AlterTable
ALTER TABLE "Newsletter" ADD COLUMN     "sendingBackend" TEXT;

-- AlterTable
ALTER TABLE "Send" ADD COLUMN     "backend" TEXT,
ADD COLUMN     "failover" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "backend" TEXT;

-- CreateIndex
CREATE INDEX "Delivery_backend_sentAt_idx" ON "Delivery"("backend", "sentAt");
