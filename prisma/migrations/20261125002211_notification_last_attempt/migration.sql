-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "last_attempt_at" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "notifications_channel_last_attempt_at_idx" ON "notifications"("channel", "last_attempt_at");
