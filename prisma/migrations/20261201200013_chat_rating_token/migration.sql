-- AlterTable
ALTER TABLE "chat_sessions" ADD COLUMN     "rating_token_hash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "chat_sessions_rating_token_hash_key" ON "chat_sessions"("rating_token_hash");
