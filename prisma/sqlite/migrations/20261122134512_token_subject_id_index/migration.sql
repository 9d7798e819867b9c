-- CreateIndex
CREATE INDEX "Token_subjectId_idx" ON "Token"("subjectId");
