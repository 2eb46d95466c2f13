-- Contacts across channels (merge tombstones, notes), full-text search, and privacy (erase, retention).
-- Search: unaccent ships with PostgreSQL's contrib (the embedded build and managed PostgreSQL both have it). Its
-- dictionary goes in front of the stemmers in three text search configurations, so "perche" finds "perché" and the
-- indexes stay plain GIN indexes over search_vector columns that BEFORE triggers keep current (plain columns, not
-- GENERATED ones, which Prisma's schema diff reads as a default it wants to drop).
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TEXT SEARCH CONFIGURATION sportello_it (COPY = pg_catalog.italian);
ALTER TEXT SEARCH CONFIGURATION sportello_it ALTER MAPPING FOR hword, hword_part, word WITH unaccent, italian_stem;
CREATE TEXT SEARCH CONFIGURATION sportello_en (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION sportello_en ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
-- Names, emails and phone numbers are not stemmed.
CREATE TEXT SEARCH CONFIGURATION sportello_simple (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION sportello_simple ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;

-- The dictionary for a language code ("en" → English, anything else → Italian, the product's default).
CREATE FUNCTION sportello_search_config(language TEXT) RETURNS regconfig
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN language = 'en' THEN 'sportello_en'::regconfig ELSE 'sportello_it'::regconfig END $$;

-- AlterTable
ALTER TABLE "chat_sessions" ADD COLUMN     "anonymized_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "contacts" ADD COLUMN     "erased_at" TIMESTAMP(3),
ADD COLUMN     "merged_at" TIMESTAMP(3),
ADD COLUMN     "merged_into_id" TEXT,
ADD COLUMN     "search_vector" tsvector;

-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "language" TEXT,
ADD COLUMN     "search_vector" tsvector;

-- AlterTable
ALTER TABLE "ticket_notes" ADD COLUMN     "language" TEXT,
ADD COLUMN     "search_vector" tsvector;

-- AlterTable
ALTER TABLE "tickets" ADD COLUMN     "anonymized_at" TIMESTAMP(3),
ADD COLUMN     "language" TEXT,
ADD COLUMN     "search_vector" tsvector;

-- CreateTable
CREATE TABLE "contact_notes" (
    "id" TEXT NOT NULL,
    "contact_id" TEXT NOT NULL,
    "author_id" TEXT,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contact_notes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "contact_notes_contact_id_created_at_idx" ON "contact_notes"("contact_id", "created_at");

-- CreateIndex
CREATE INDEX "contacts_merged_into_id_idx" ON "contacts"("merged_into_id");

-- CreateIndex
CREATE INDEX "contacts_search_vector_idx" ON "contacts" USING GIN ("search_vector");

-- CreateIndex
CREATE INDEX "messages_search_vector_idx" ON "messages" USING GIN ("search_vector");

-- CreateIndex
CREATE INDEX "messages_created_at_idx" ON "messages"("created_at");

-- CreateIndex
CREATE INDEX "ticket_notes_search_vector_idx" ON "ticket_notes" USING GIN ("search_vector");

-- CreateIndex
CREATE INDEX "tickets_closed_at_idx" ON "tickets"("closed_at");

-- CreateIndex
CREATE INDEX "tickets_search_vector_idx" ON "tickets" USING GIN ("search_vector");

-- AddForeignKey
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_merged_into_id_fkey" FOREIGN KEY ("merged_into_id") REFERENCES "contacts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact_notes" ADD CONSTRAINT "contact_notes_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact_notes" ADD CONSTRAINT "contact_notes_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "operators"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The language of a row is its conversation's: the escalation's locale (chat_sessions.metadata.locale), or the
-- ticket's own metadata.locale, else Italian. Set once on insert, so every writer (the app, sportello_escalate, the
-- WhatsApp webhook) gets it without knowing about search; the vector follows every change of the text.
CREATE FUNCTION sportello_message_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.language IS NULL THEN
    IF NEW.session_id IS NOT NULL THEN
      SELECT s.metadata->>'locale' INTO NEW.language FROM chat_sessions s WHERE s.id = NEW.session_id;
    ELSIF NEW.ticket_id IS NOT NULL THEN
      SELECT t.language INTO NEW.language FROM tickets t WHERE t.id = NEW.ticket_id;
    END IF;
    NEW.language := CASE WHEN NEW.language = 'en' THEN 'en' ELSE 'it' END;
  END IF;
  NEW.search_vector := to_tsvector(sportello_search_config(NEW.language), NEW.body);
  RETURN NEW;
END $$;
CREATE TRIGGER messages_search BEFORE INSERT OR UPDATE OF body, language ON "messages"
  FOR EACH ROW EXECUTE FUNCTION sportello_message_search();

CREATE FUNCTION sportello_ticket_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.language IS NULL THEN
    NEW.language := NEW.metadata->>'locale';
    IF NEW.language IS NULL AND NEW.session_id IS NOT NULL THEN
      SELECT s.metadata->>'locale' INTO NEW.language FROM chat_sessions s WHERE s.id = NEW.session_id;
    END IF;
    NEW.language := CASE WHEN NEW.language = 'en' THEN 'en' ELSE 'it' END;
  END IF;
  NEW.search_vector := to_tsvector(sportello_search_config(NEW.language), NEW.question);
  RETURN NEW;
END $$;
CREATE TRIGGER tickets_search BEFORE INSERT OR UPDATE OF question, language ON "tickets"
  FOR EACH ROW EXECUTE FUNCTION sportello_ticket_search();

CREATE FUNCTION sportello_ticket_note_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.language IS NULL THEN
    SELECT t.language INTO NEW.language FROM tickets t WHERE t.id = NEW.ticket_id;
    NEW.language := coalesce(NEW.language, 'it');
  END IF;
  NEW.search_vector := to_tsvector(sportello_search_config(NEW.language), NEW.body);
  RETURN NEW;
END $$;
CREATE TRIGGER ticket_notes_search BEFORE INSERT OR UPDATE OF body, language ON "ticket_notes"
  FOR EACH ROW EXECUTE FUNCTION sportello_ticket_note_search();

-- Contacts: the name, the email whole and split at its punctuation (so "rossi" finds mario.rossi@example.com), the
-- phone's digits whole and as the last ten (the national number: "3331234567" finds +393331234567). Not stemmed.
CREATE FUNCTION sportello_contact_vector(name TEXT, email TEXT, phone TEXT) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT to_tsvector('sportello_simple'::regconfig,
    coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(regexp_replace(email, '[@._+-]+', ' ', 'g'), '') || ' ' ||
    coalesce(regexp_replace(phone, '[^0-9]', '', 'g'), '') || ' ' || coalesce(right(regexp_replace(phone, '[^0-9]', '', 'g'), 10), '')) $$;
CREATE FUNCTION sportello_contact_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := sportello_contact_vector(NEW.name, NEW.email, NEW.phone);
  RETURN NEW;
END $$;
CREATE TRIGGER contacts_search BEFORE INSERT OR UPDATE OF name, email, phone ON "contacts"
  FOR EACH ROW EXECUTE FUNCTION sportello_contact_search();

-- Existing rows: language first (the triggers fill the vectors on these updates).
UPDATE "tickets" SET "language" = CASE WHEN metadata->>'locale' = 'en' THEN 'en' ELSE 'it' END;
UPDATE "tickets" t SET "language" = 'en' FROM "chat_sessions" s WHERE t.session_id = s.id AND s.metadata->>'locale' = 'en';
UPDATE "messages" m SET "language" = CASE WHEN s.metadata->>'locale' = 'en' THEN 'en' ELSE 'it' END FROM "chat_sessions" s WHERE m.session_id = s.id;
UPDATE "messages" m SET "language" = t.language FROM "tickets" t WHERE m.ticket_id = t.id AND m.session_id IS NULL;
UPDATE "ticket_notes" n SET "language" = t.language FROM "tickets" t WHERE n.ticket_id = t.id;
UPDATE "contacts" SET "name" = "name";
