-- Routing by team and skills (issue 12). The escalation function gains the session's team and required skills: a
-- new session goes to a free seat of an online member of its team who has every required skill (least loaded, then
-- idle longest); otherwise it joins its team's queue, whose length and positions count that team only. The routing
-- lock stays one advisory lock held for this one statement. The per-team counts read the (team_id, status,
-- priority DESC, queued_at) index, so their cost grows with one team's queue, never with the whole desk's.
DROP FUNCTION IF EXISTS sportello_escalate(TEXT, TEXT, "Priority", TEXT, JSONB, TEXT, "Channel", BOOLEAN, INTEGER, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, JSONB, TIMESTAMP(3), BOOLEAN, TEXT, TEXT);
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
  p_contact_phone TEXT,
  p_team_id TEXT,
  p_skills TEXT[]
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
  v_eligible BIGINT;
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

  -- The team's seats online (its queue's estimate divides by them) and how many of those operators could serve this
  -- session at all (every required skill).
  SELECT count(*) FILTER (WHERE coalesce(o.skills, '{}') @> p_skills), coalesce(sum(o.max_chats), 0) INTO v_eligible, v_seats
    FROM team_members m JOIN operators o ON o.id = m.operator_id
   WHERE m.team_id = p_team_id AND o.status = 'online' AND o.active;
  IF v_eligible = 0 THEN
    RETURN QUERY SELECT 'no_operators'::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::BIGINT, v_seats, NULL::BIGINT;
    RETURN;
  END IF;

  -- Least loaded relative to capacity, then the one assigned longest ago (as lib/routing/assign-session.ts). Load
  -- counts every active chat of the operator, whatever its team: max_chats is per operator across teams.
  SELECT o.id, o.name INTO v_free_id, v_free_name
    FROM team_members m
    JOIN operators o ON o.id = m.operator_id
    LEFT JOIN LATERAL (
      SELECT count(*) AS active, max(assigned_at) AS last_assigned
        FROM chat_sessions s WHERE s.operator_id = o.id AND s.status = 'active'
    ) load ON true
   WHERE m.team_id = p_team_id AND o.status = 'online' AND o.active AND load.active < o.max_chats
     AND coalesce(o.skills, '{}') @> p_skills
   ORDER BY load.active::FLOAT / o.max_chats, load.last_assigned NULLS FIRST, o.id
   LIMIT 1;

  SELECT count(*), count(*) FILTER (WHERE priority >= p_priority) INTO v_queued, v_ahead
    FROM chat_sessions WHERE team_id = p_team_id AND status = 'queued';
  IF v_free_id IS NULL AND v_queued >= p_max_queue THEN
    RETURN QUERY SELECT 'queue_full'::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::BIGINT, v_seats, v_queued;
    RETURN;
  END IF;

  v_outcome := CASE WHEN v_free_id IS NULL THEN 'queued' ELSE 'assigned' END;
  INSERT INTO chat_sessions (id, contact_id, status, priority, question, metadata, source, channel, operator_id,
                             queued_at, assigned_at, last_seq, trusted, contact_email, contact_phone, team_id, skills,
                             created_at, updated_at)
  VALUES (p_session_id, p_contact_id, CASE WHEN v_free_id IS NULL THEN 'queued' ELSE 'active' END::"SessionStatus",
          p_priority, p_question, p_metadata, p_source, p_channel, v_free_id,
          p_now, CASE WHEN v_free_id IS NULL THEN NULL ELSE p_now END, CASE WHEN v_free_id IS NULL THEN 1 ELSE 2 END,
          p_trusted, p_contact_email, p_contact_phone, p_team_id, p_skills, p_now, p_now);
  INSERT INTO messages (id, session_id, seq, sender, body, channel, created_at)
  VALUES (p_message_id, p_session_id, 1, 'customer', p_question, p_channel, p_now);
  IF v_free_id IS NOT NULL THEN
    INSERT INTO messages (id, session_id, seq, sender, body, channel, created_at)
    VALUES (p_system_message_id, p_session_id, 2, 'system', v_free_name || p_joined_text, 'web', p_now);
  END IF;
  INSERT INTO audit_events (id, actor_type, actor_id, action, target_type, target_id, data, at)
  VALUES (p_audit_id, p_actor_type, p_actor_id, 'session.requested', 'session', p_session_id,
          jsonb_build_object('priority', p_priority, 'source', p_source, 'team_id', p_team_id), p_now);
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
