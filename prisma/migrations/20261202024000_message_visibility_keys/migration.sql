-- Search visibility on the message row (issue 15). An operator finds the messages of the sessions and tickets assigned
-- to them or to their teams (lib/search/visibility.ts). Testing that after the full-text match read every match's
-- session and ticket: for a common word, thousands of heap pages. Each message now carries its owners as keys
-- ("operator:<id>", "team:<id>": its session's operator and team, its ticket's assignee and team), and one GIN index
-- over (search_vector, visible_to) answers "the matches this operator may see" inside the index. Triggers keep the
-- keys exact: a message gets them on insert, and when a session or ticket changes operator, assignee or team, its
-- messages' keys follow in the same transaction (one UPDATE of that conversation's messages, only on a real change).

-- DropIndex
DROP INDEX "messages_search_vector_idx";

-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "visible_to" text[];

-- The one spelling of the keys, for the triggers (the owners) and for the search query (the viewer, where it is
-- IMMUTABLE with constant arguments: folded to a constant when the query is planned). Sorted, without duplicates or
-- NULLs. PL/pgSQL rather than SQL: its plans are cached per connection, where a SQL function that cannot be inlined is
-- planned again in every statement that calls it (every message insert).
CREATE FUNCTION sportello_visibility_keys(operator_ids TEXT[], team_ids TEXT[]) RETURNS TEXT[]
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  AS $$
BEGIN
  RETURN ARRAY(SELECT DISTINCT k FROM (SELECT 'operator:' || o FROM unnest(operator_ids) o
                                       UNION ALL SELECT 'team:' || t FROM unnest(team_ids) t) keys(k)
               WHERE k IS NOT NULL ORDER BY k);
END $$;

-- The word still being typed is a prefix, in both dictionaries and often twice (lib/search/build-tsquery.ts:
-- "rimborso" → 'rimbors':* | 'rimb':* | 'rimborso':* | 'rimbo':*). The GIN index reads the whole posting list of
-- every lexeme a prefix matches, once per prefix, so a one-word query on a common word read the same 37,000 entries
-- four times. An OR of prefixes matches exactly what its shortest prefixes match ('rimb':* covers the other three),
-- and two identical branches (one per dictionary) match what one does: the search filters with the query so reduced,
-- and ranks and highlights with the query as it was.
CREATE FUNCTION sportello_shortest_prefixes(prefix_group TEXT) RETURNS TEXT
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  AS $$
DECLARE
  prefixes TEXT[] := ARRAY(SELECT m[1] FROM regexp_matches(prefix_group, '''([^'']+)'':\*', 'g') m);
  kept TEXT[];
BEGIN
  kept := ARRAY(SELECT DISTINCT quote_literal(p) || ':*' FROM unnest(prefixes) p
                 WHERE NOT EXISTS (SELECT 1 FROM unnest(prefixes) shorter WHERE length(shorter) < length(p) AND left(p, length(shorter)) = shorter)
                 ORDER BY 1);
  RETURN CASE WHEN cardinality(kept) = 1 THEN kept[1] ELSE '( ' || array_to_string(kept, ' | ') || ' )' END;
END $$;

CREATE FUNCTION sportello_fewer_prefixes(q tsquery) RETURNS tsquery
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  AS $$
DECLARE
  prefix_or CONSTANT TEXT := '''[^'']+'':\*(?: \| ''[^'']+'':\*)*';
  query_text TEXT := q::text;
  prefix_group TEXT;
BEGIN
  -- One word: the whole query is an OR of prefixes.
  IF query_text ~ ('^' || prefix_or || '$') THEN
    RETURN sportello_shortest_prefixes(query_text)::tsquery;
  END IF;
  -- Several words: each dictionary's ( 'a':* | 'b':* ) for the last one.
  FOR prefix_group IN SELECT m[1] FROM regexp_matches(query_text, '\( (' || prefix_or || ') \)', 'g') m LOOP
    query_text := replace(query_text, '( ' || prefix_group || ' )', sportello_shortest_prefixes(prefix_group));
  END LOOP;
  -- Without parentheses the query is an OR of AND-chains: identical chains count once.
  IF strpos(query_text, '(') = 0 THEN
    query_text := array_to_string(ARRAY(SELECT DISTINCT b FROM unnest(string_to_array(query_text, ' | ')) b ORDER BY b), ' | ');
  END IF;
  RETURN query_text::tsquery;
END $$;

-- A message's keys from its session and its ticket as they are now. FOR SHARE: a transfer that has updated the
-- session but not committed yet is waited for (and then read), and a transfer that comes later waits for this insert
-- to commit, so its UPDATE of the session's messages includes this one. Every writer in the app already holds the
-- session's (or ticket's) row lock from bumping its message counter, so the lock costs nothing more there.
CREATE FUNCTION sportello_message_visible_to(message_session_id TEXT, message_ticket_id TEXT) RETURNS TEXT[]
  LANGUAGE plpgsql
  AS $$
DECLARE
  session_operator TEXT;
  session_team TEXT;
  ticket_assignee TEXT;
  ticket_team TEXT;
BEGIN
  IF message_session_id IS NOT NULL THEN
    SELECT s.operator_id, s.team_id INTO session_operator, session_team FROM chat_sessions s WHERE s.id = message_session_id FOR SHARE;
  END IF;
  IF message_ticket_id IS NOT NULL THEN
    SELECT t.assignee_id, t.team_id INTO ticket_assignee, ticket_team FROM tickets t WHERE t.id = message_ticket_id FOR SHARE;
  END IF;
  RETURN sportello_visibility_keys(ARRAY[session_operator, ticket_assignee], ARRAY[session_team, ticket_team]);
END $$;

-- On insert, and if a message ever moves to another session or ticket. Whatever a writer puts in visible_to is
-- replaced: only these triggers decide it.
CREATE FUNCTION sportello_message_visibility() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.visible_to := sportello_message_visible_to(NEW.session_id, NEW.ticket_id);
  RETURN NEW;
END $$;
CREATE TRIGGER messages_visibility BEFORE INSERT OR UPDATE OF session_id, ticket_id, visible_to ON "messages"
  FOR EACH ROW EXECUTE FUNCTION sportello_message_visibility();

-- A session's new operator or team (assignment, transfer, take-over, requeue, team fallback), or a ticket's new
-- assignee or team: that conversation's messages' keys follow. The UPDATE names visible_to, so the trigger above
-- recomputes each row from the session and ticket as this transaction has them.
CREATE FUNCTION sportello_owner_visibility() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'chat_sessions' THEN
    UPDATE messages SET visible_to = NULL WHERE session_id = NEW.id;
  ELSE
    UPDATE messages SET visible_to = NULL WHERE ticket_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER chat_sessions_visibility AFTER UPDATE OF operator_id, team_id ON "chat_sessions"
  FOR EACH ROW WHEN (OLD.operator_id IS DISTINCT FROM NEW.operator_id OR OLD.team_id IS DISTINCT FROM NEW.team_id)
  EXECUTE FUNCTION sportello_owner_visibility();
CREATE TRIGGER tickets_visibility AFTER UPDATE OF assignee_id, team_id ON "tickets"
  FOR EACH ROW WHEN (OLD.assignee_id IS DISTINCT FROM NEW.assignee_id OR OLD.team_id IS DISTINCT FROM NEW.team_id)
  EXECUTE FUNCTION sportello_owner_visibility();

-- Existing rows, set-based: one join instead of the trigger's locked lookup per row (nothing else writes while this
-- migration holds the table), and before the index exists, so it is built once.
ALTER TABLE "messages" DISABLE TRIGGER messages_visibility;
UPDATE "messages" m SET "visible_to" = sportello_visibility_keys(ARRAY[k.session_operator, k.ticket_assignee], ARRAY[k.session_team, k.ticket_team])
  FROM (SELECT x.id, s.operator_id AS session_operator, s.team_id AS session_team, t.assignee_id AS ticket_assignee, t.team_id AS ticket_team
          FROM "messages" x LEFT JOIN "chat_sessions" s ON s.id = x.session_id LEFT JOIN "tickets" t ON t.id = x.ticket_id) k
 WHERE k.id = m.id;
ALTER TABLE "messages" ENABLE TRIGGER messages_visibility;

-- CreateIndex
CREATE INDEX "messages_search_vector_visible_to_idx" ON "messages" USING GIN ("search_vector", "visible_to");
