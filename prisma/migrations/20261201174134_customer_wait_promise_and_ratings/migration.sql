-- AlterTable
ALTER TABLE "chat_sessions" ADD COLUMN     "current_promise_minutes" INTEGER,
ADD COLUMN     "model_wait_minutes" DOUBLE PRECISION,
ADD COLUMN     "promise_due_at" TIMESTAMP(3),
ADD COLUMN     "promised_wait_minutes" INTEGER,
ADD COLUMN     "waited_seconds" INTEGER,
ADD COLUMN     "whatsapp_continue_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "conversation_ratings" (
    "id" TEXT NOT NULL,
    "session_id" TEXT,
    "ticket_id" TEXT,
    "operator_id" TEXT,
    "score" INTEGER NOT NULL,
    "comment" TEXT,
    "via" TEXT NOT NULL DEFAULT 'web',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversation_ratings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "conversation_ratings_session_id_key" ON "conversation_ratings"("session_id");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_ratings_ticket_id_key" ON "conversation_ratings"("ticket_id");

-- CreateIndex
CREATE INDEX "conversation_ratings_created_at_idx" ON "conversation_ratings"("created_at");

-- CreateIndex
CREATE INDEX "conversation_ratings_operator_id_created_at_idx" ON "conversation_ratings"("operator_id", "created_at");

-- AddForeignKey
ALTER TABLE "conversation_ratings" ADD CONSTRAINT "conversation_ratings_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "chat_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_ratings" ADD CONSTRAINT "conversation_ratings_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;
