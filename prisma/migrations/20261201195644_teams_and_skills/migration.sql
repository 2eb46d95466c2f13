-- Teams and skills (issue 12): every session and ticket belongs to a team; the team "default" (id and slug) serves
-- callers that name none, so the integration guide's calls behave as before. Operators carry skills as tags.

-- AlterTable
ALTER TABLE "chat_sessions" ADD COLUMN     "fallback_at" TIMESTAMP(3),
ADD COLUMN     "skills" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "team_id" TEXT NOT NULL DEFAULT 'default';

-- AlterTable
ALTER TABLE "embed_sites" ADD COLUMN     "team_id" TEXT;

-- AlterTable
ALTER TABLE "operators" ADD COLUMN     "skills" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "tickets" ADD COLUMN     "team_id" TEXT NOT NULL DEFAULT 'default';

-- CreateTable
CREATE TABLE "teams" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "business_hours" JSONB,
    "max_queue_length" INTEGER,
    "max_queue_wait_minutes" INTEGER,
    "fallback_team_id" TEXT,
    "fallback_after_minutes" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "teams_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "team_members" (
    "team_id" TEXT NOT NULL,
    "operator_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "team_members_pkey" PRIMARY KEY ("team_id","operator_id")
);

-- The default team, with every existing operator in it (existing sessions and tickets got team_id 'default' above).
INSERT INTO "teams" ("id", "name", "slug", "created_at", "updated_at") VALUES ('default', 'Default', 'default', now(), now());
INSERT INTO "team_members" ("team_id", "operator_id") SELECT 'default', "id" FROM "operators";

-- A new operator joins the default team however it is created (admin API, sign-up, seed); an admin may take them
-- out of it afterwards.
CREATE FUNCTION sportello_join_default_team() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "team_members" ("team_id", "operator_id") VALUES ('default', NEW."id") ON CONFLICT DO NOTHING;
  RETURN NEW;
END
$$;
CREATE TRIGGER "operators_join_default_team" AFTER INSERT ON "operators" FOR EACH ROW EXECUTE FUNCTION sportello_join_default_team();

-- CreateIndex
CREATE UNIQUE INDEX "teams_slug_key" ON "teams"("slug");

-- CreateIndex
CREATE INDEX "team_members_operator_id_idx" ON "team_members"("operator_id");

-- CreateIndex
CREATE INDEX "chat_sessions_team_id_status_priority_queued_at_idx" ON "chat_sessions"("team_id", "status", "priority" DESC, "queued_at");

-- CreateIndex
CREATE INDEX "tickets_team_id_status_idx" ON "tickets"("team_id", "status");

-- AddForeignKey
ALTER TABLE "teams" ADD CONSTRAINT "teams_fallback_team_id_fkey" FOREIGN KEY ("fallback_team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_operator_id_fkey" FOREIGN KEY ("operator_id") REFERENCES "operators"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chat_sessions" ADD CONSTRAINT "chat_sessions_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "embed_sites" ADD CONSTRAINT "embed_sites_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;
