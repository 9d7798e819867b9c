-- CreateTable
CREATE TABLE "ImportUpload" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdById" TEXT,
    "fileName" TEXT NOT NULL,
    "sourceName" TEXT,
    "content" BLOB NOT NULL,
    "declaration" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ImportMapping" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "sourceName" TEXT,
    "headers" JSONB NOT NULL,
    "mapping" JSONB NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ImportUpload_createdAt_idx" ON "ImportUpload"("createdAt");
