-- CreateEnum
CREATE TYPE "CannedResponseScope" AS ENUM ('personal', 'team', 'everyone');

-- CreateTable
CREATE TABLE "canned_responses" (
    "id" TEXT NOT NULL,
    "shortcut" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "bodies" JSONB NOT NULL,
    "scope" "CannedResponseScope" NOT NULL,
    "owner_id" TEXT,
    "team_id" TEXT,
    "usage_count" INTEGER NOT NULL DEFAULT 0,
    "last_used_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "canned_responses_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "canned_responses_scope_shortcut_idx" ON "canned_responses"("scope", "shortcut");

-- CreateIndex
CREATE INDEX "canned_responses_owner_id_idx" ON "canned_responses"("owner_id");

-- CreateIndex
CREATE INDEX "canned_responses_team_id_idx" ON "canned_responses"("team_id");

-- AddForeignKey
ALTER TABLE "canned_responses" ADD CONSTRAINT "canned_responses_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "operators"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "canned_responses" ADD CONSTRAINT "canned_responses_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;
