-- Customer identity (docs/security.md): verified contact data, the addresses a conversation was opened with, and
-- the customer's key to a chat session.

-- Contacts: how each identifier was verified, instead of one flag that survived a changed email.
ALTER TABLE "contacts" ADD COLUMN "email_verified_at" TIMESTAMP(3),
ADD COLUMN "email_verified_via" TEXT,
ADD COLUMN "phone_verified_at" TIMESTAMP(3),
ADD COLUMN "phone_verified_via" TEXT;
UPDATE "contacts" SET "email_verified_at" = "updated_at", "email_verified_via" = 'identity_token' WHERE "verified" AND "email" IS NOT NULL;
-- A WhatsApp-only contact was created by a Twilio-signed inbound message from its number.
UPDATE "contacts" SET "phone_verified_at" = "last_whatsapp_inbound_at", "phone_verified_via" = 'whatsapp_inbound'
 WHERE "user_id" = 'whatsapp:' || "phone" AND "last_whatsapp_inbound_at" IS NOT NULL;
ALTER TABLE "contacts" DROP COLUMN "verified";

ALTER TABLE "chat_sessions" ADD COLUMN "claimed_at" TIMESTAMP(3),
ADD COLUMN "contact_email" TEXT,
ADD COLUMN "contact_phone" TEXT,
ADD COLUMN "customer_key_hash" TEXT,
ADD COLUMN "resume_expires_at" TIMESTAMP(3),
ADD COLUMN "resume_link_sent_at" TIMESTAMP(3),
ADD COLUMN "resume_token_hash" TEXT,
ADD COLUMN "transcripts_sent" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "trusted" BOOLEAN NOT NULL DEFAULT false;
UPDATE "chat_sessions" s SET "contact_email" = c."email", "contact_phone" = c."phone", "trusted" = s."source" = 'chatbot'
  FROM "contacts" c WHERE c."id" = s."contact_id";
UPDATE "chat_sessions" s SET "transcripts_sent" = n.sent
  FROM (SELECT "session_id", count(*)::int AS sent FROM "notifications" WHERE "kind" = 'transcript' AND "session_id" IS NOT NULL GROUP BY 1) n
 WHERE n."session_id" = s."id";

ALTER TABLE "tickets" ADD COLUMN "contact_email" TEXT,
ADD COLUMN "contact_phone" TEXT;
UPDATE "tickets" t SET "contact_email" = c."email", "contact_phone" = c."phone" FROM "contacts" c WHERE c."id" = t."contact_id";

-- The escalation function gains who asked (trusted or not) and the addresses the session is opened with. An open
-- session is handed back only to a trusted caller and only if a trusted caller opened it; an anonymous caller with
-- the user id of a contact who has an open conversation learns only that (outcome existing_foreign), never its id.
DROP FUNCTION IF EXISTS sportello_escalate(TEXT, TEXT, "Priority", TEXT, JSONB, TEXT, "Channel", BOOLEAN, INTEGER, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, JSONB, TIMESTAMP(3));
CREATE OR REPLACE FUNCTION sportello_escalate(
  p_contact_id TEXT,
  p_session_id TEXT,
  p_priority "Priority",
  p_question TEXT,
  p_metadata JSONB,
  p_source TEXT,
  p_channel "Channel",
  p_after_hours BOOLEAN,
  p_max_queue INTEGER,
  p_message_id TEXT,
  p_system_message_id TEXT,
  p_joined_text TEXT,
  p_audit_id TEXT,
  p_actor_type TEXT,
  p_actor_id TEXT,
  p_alert_id TEXT,
  p_alert_recipient TEXT,
  p_alert_payload JSONB,
  p_now TIMESTAMP(3),
  p_trusted BOOLEAN,
  p_contact_email TEXT,
  p_contact_phone TEXT
) RETURNS TABLE (
  outcome TEXT,
  session_id TEXT,
  operator_id TEXT,
  operator_name TEXT,
  queue_position BIGINT,
  seats_online BIGINT,
  queued_before BIGINT
) LANGUAGE plpgsql AS $$
DECLARE
  v_open_id TEXT;
  v_open_status TEXT;
  v_open_trusted BOOLEAN;
  v_open_operator_id TEXT;
  v_open_operator_name TEXT;
  v_operators BIGINT;
  v_seats BIGINT;
  v_queued BIGINT;
  v_ahead BIGINT;
  v_free_id TEXT;
  v_free_name TEXT;
  v_outcome TEXT;
BEGIN
  PERFORM pg_advisory_xact_lock(72611250);

  -- A trusted caller's own open session first; a trusted caller ignores one an anonymous caller opened under the
  -- same user id (it may be someone else's pre-claim) and gets a conversation of its own.
  SELECT s.id, s.status::TEXT, s.trusted, o.id, o.name
    INTO v_open_id, v_open_status, v_open_trusted, v_open_operator_id, v_open_operator_name
    FROM chat_sessions s LEFT JOIN operators o ON o.id = s.operator_id
   WHERE s.contact_id = p_contact_id AND s.status IN ('queued', 'active') AND (s.trusted OR NOT p_trusted)
   ORDER BY s.trusted DESC, s.queued_at DESC
   LIMIT 1;
  IF v_open_id IS NOT NULL THEN
    IF p_trusted THEN
      RETURN QUERY SELECT 'existing_' || v_open_status, v_open_id, v_open_operator_id, v_open_operator_name, NULL::BIGINT, NULL::BIGINT, NULL::BIGINT;
    ELSE
      RETURN QUERY SELECT 'existing_foreign'::TEXT, v_open_id, NULL::TEXT, NULL::TEXT, NULL::BIGINT, NULL::BIGINT, NULL::BIGINT;
    END IF;
    RETURN;
  END IF;

  IF p_after_hours THEN
    RETURN QUERY SELECT 'after_hours'::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::BIGINT, NULL::BIGINT, NULL::BIGINT;
    RETURN;
  END IF;

  SELECT count(*), coalesce(sum(max_chats), 0) INTO v_operators, v_seats FROM operators WHERE status = 'online' AND active;
  IF v_operators = 0 THEN
    RETURN QUERY SELECT 'no_operators'::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::BIGINT, 0::BIGINT, NULL::BIGINT;
    RETURN;
  END IF;

  -- Least loaded relative to capacity, then the one assigned longest ago (as lib/routing/assign-session.ts).
  SELECT o.id, o.name INTO v_free_id, v_free_name
    FROM operators o
    LEFT JOIN LATERAL (
      SELECT count(*) AS active, max(assigned_at) AS last_assigned
        FROM chat_sessions s WHERE s.operator_id = o.id AND s.status = 'active'
    ) load ON true
   WHERE o.status = 'online' AND o.active AND load.active < o.max_chats
   ORDER BY load.active::FLOAT / o.max_chats, load.last_assigned NULLS FIRST, o.id
   LIMIT 1;

  SELECT count(*), count(*) FILTER (WHERE priority >= p_priority) INTO v_queued, v_ahead
    FROM chat_sessions WHERE status = 'queued';
  IF v_free_id IS NULL AND v_queued >= p_max_queue THEN
    RETURN QUERY SELECT 'queue_full'::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::BIGINT, v_seats, v_queued;
    RETURN;
  END IF;

  v_outcome := CASE WHEN v_free_id IS NULL THEN 'queued' ELSE 'assigned' END;
  INSERT INTO chat_sessions (id, contact_id, status, priority, question, metadata, source, channel, operator_id,
                             queued_at, assigned_at, last_seq, trusted, contact_email, contact_phone, created_at, updated_at)
  VALUES (p_session_id, p_contact_id, CASE WHEN v_free_id IS NULL THEN 'queued' ELSE 'active' END::"SessionStatus",
          p_priority, p_question, p_metadata, p_source, p_channel, v_free_id,
          p_now, CASE WHEN v_free_id IS NULL THEN NULL ELSE p_now END, CASE WHEN v_free_id IS NULL THEN 1 ELSE 2 END,
          p_trusted, p_contact_email, p_contact_phone, p_now, p_now);
  INSERT INTO messages (id, session_id, seq, sender, body, channel, created_at)
  VALUES (p_message_id, p_session_id, 1, 'customer', p_question, p_channel, p_now);
  IF v_free_id IS NOT NULL THEN
    INSERT INTO messages (id, session_id, seq, sender, body, channel, created_at)
    VALUES (p_system_message_id, p_session_id, 2, 'system', v_free_name || p_joined_text, 'web', p_now);
  END IF;
  INSERT INTO audit_events (id, actor_type, actor_id, action, target_type, target_id, data, at)
  VALUES (p_audit_id, p_actor_type, p_actor_id, 'session.requested', 'session', p_session_id,
          jsonb_build_object('priority', p_priority, 'source', p_source), p_now);
  IF p_alert_recipient IS NOT NULL THEN
    -- The urgent-escalation alert, in the same transaction as the session it reports (transactional outbox).
    INSERT INTO notifications (id, kind, channel, recipient, payload, session_id, next_attempt_at, created_at)
    VALUES (p_alert_id, 'urgent_escalation_admin', 'whatsapp', p_alert_recipient,
            p_alert_payload || jsonb_build_object('outcome', v_outcome), p_session_id, p_now, p_now);
    PERFORM pg_notify('sportello_outbox', p_alert_id);
  END IF;

  RETURN QUERY SELECT v_outcome, p_session_id, v_free_id, v_free_name,
                      CASE WHEN v_free_id IS NULL THEN v_ahead + 1 ELSE NULL END, v_seats, v_queued;
END
$$;
