-- AlterTable
ALTER TABLE "chat_attachments" ADD COLUMN     "ticket_id" TEXT,
ALTER COLUMN "session_id" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "chat_attachments_ticket_id_idx" ON "chat_attachments"("ticket_id");

-- AddForeignKey
ALTER TABLE "chat_attachments" ADD CONSTRAINT "chat_attachments_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;
