-- AlterTable
ALTER TABLE "teams" ADD COLUMN     "whatsapp_number" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "teams_whatsapp_number_key" ON "teams"("whatsapp_number");
