-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN "backend" TEXT;

-- AlterTable
ALTER TABLE "Newsletter" ADD COLUMN "sendingBackend" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Send" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "issueId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'preparing',
    "ratePerSec" INTEGER,
    "backend" TEXT,
    "failover" BOOLEAN NOT NULL DEFAULT false,
    "total" INTEGER NOT NULL DEFAULT 0,
    "report" JSONB,
    "declaration" JSONB,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "Send_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Send" ("createdAt", "createdById", "declaration", "finishedAt", "id", "issueId", "ratePerSec", "report", "startedAt", "status", "total") SELECT "createdAt", "createdById", "declaration", "finishedAt", "id", "issueId", "ratePerSec", "report", "startedAt", "status", "total" FROM "Send";
DROP TABLE "Send";
ALTER TABLE "new_Send" RENAME TO "Send";
CREATE INDEX "Send_status_idx" ON "Send"("status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Delivery_backend_sentAt_idx" ON "Delivery"("backend", "sentAt");
