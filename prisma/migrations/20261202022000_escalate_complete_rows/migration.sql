-- The escalation writes the customer's first message complete and says what it wrote (issue 10): an inbound WhatsApp
-- message's SID and media go in with the row (p_external_id, p_media; NULL for the API), instead of a second UPDATE
-- by the caller, and the result carries the lines written (`lines`: the customer's question, and the "… joined" line
-- when an operator was assigned, with their seq, body and time) instead of the first seq from which TypeScript
-- rebuilt them. Otherwise as 20261201233000_free_seats_rule.
DROP FUNCTION IF EXISTS sportello_escalate(TEXT, TEXT, "Priority", TEXT, JSONB, TEXT, "Channel", BOOLEAN, INTEGER, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, JSONB, TIMESTAMP(3), BOOLEAN, TEXT, TEXT, TEXT, TEXT[]);

CREATE FUNCTION sportello_escalate(
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
  p_skills TEXT[],
  p_external_id TEXT,
  p_media JSONB
) RETURNS TABLE (
  outcome TEXT,
  session_id TEXT,
  operator_id TEXT,
  operator_name TEXT,
  queue_position BIGINT,
  seats_online BIGINT,
  queued_before BIGINT,
  lines JSONB
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
  v_session_id TEXT := p_session_id;
  v_reopen BOOLEAN := false;
  v_seq INTEGER := 1;
  v_queued_at TIMESTAMP(3) := p_now;
  v_lines JSONB;
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
      RETURN QUERY SELECT 'existing_' || v_open_status, v_open_id, v_open_operator_id, v_open_operator_name, NULL::BIGINT, NULL::BIGINT, NULL::BIGINT, NULL::JSONB;
    ELSE
      RETURN QUERY SELECT 'existing_foreign'::TEXT, v_open_id, NULL::TEXT, NULL::TEXT, NULL::BIGINT, NULL::BIGINT, NULL::BIGINT, NULL::JSONB;
    END IF;
    RETURN;
  END IF;

  -- The same conversation, handed back to the bot not long ago, goes back to a person: only for a trusted caller, and
  -- only a session a trusted caller opened. Its row is locked so a message the bot relays meanwhile takes the seq
  -- after the lines written here.
  IF p_trusted THEN
    SELECT s.id, s.last_seq + 1 INTO v_session_id, v_seq
      FROM chat_sessions s
     WHERE s.contact_id = p_contact_id AND s.status = 'closed' AND s.closed_reason = 'handed_back' AND s.trusted
       AND s.handed_back_at > p_now - INTERVAL '24 hours'
     ORDER BY s.handed_back_at DESC
     LIMIT 1
       FOR UPDATE OF s;
    IF v_session_id IS NULL THEN
      v_session_id := p_session_id;
      v_seq := 1;
    ELSE
      v_reopen := true;
    END IF;
  END IF;

  IF p_after_hours THEN
    RETURN QUERY SELECT 'after_hours'::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::BIGINT, NULL::BIGINT, NULL::BIGINT, NULL::JSONB;
    RETURN;
  END IF;

  -- The team's seats online (its queue's estimate divides by them) and how many of those operators could serve this
  -- session at all (every required skill).
  SELECT count(*) FILTER (WHERE coalesce(o.skills, '{}') @> p_skills), coalesce(sum(o.max_chats), 0) INTO v_eligible, v_seats
    FROM team_members m JOIN operators o ON o.id = m.operator_id
   WHERE m.team_id = p_team_id AND o.status = 'online' AND o.active;
  IF v_eligible = 0 THEN
    RETURN QUERY SELECT 'no_operators'::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::BIGINT, v_seats, NULL::BIGINT, NULL::JSONB;
    RETURN;
  END IF;

  SELECT f.id, f.name INTO v_free_id, v_free_name FROM sportello_free_operator(p_team_id, p_skills, '{}') f;

  -- The team's queue length, and how many wait ahead (every session of a higher or the same priority), from the
  -- counters: four rows, however deep the queue.
  SELECT coalesce(sum(waiting), 0), coalesce(sum(waiting) FILTER (WHERE priority >= p_priority), 0) INTO v_queued, v_ahead
    FROM queue_counts WHERE team_id = p_team_id;
  IF v_free_id IS NULL AND v_queued >= p_max_queue THEN
    RETURN QUERY SELECT 'queue_full'::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::BIGINT, v_seats, v_queued, NULL::JSONB;
    RETURN;
  END IF;
  -- A queued session arrives behind every session of its priority already waiting in its team: p_now was read by the
  -- caller before it waited for the lock, so another instance's caller may have queued one with a later clock (or
  -- the same millisecond, where the random id would decide). Its arrival is then 1 ms after that tail (one probe of
  -- the (team_id, status, priority, queued_at) index), so the position counted above is exactly the one
  -- lib/routing/queue.ts computes, and concurrent answers stay 1..n.
  IF v_free_id IS NULL THEN
    SELECT greatest(p_now, max(queued_at) + INTERVAL '1 millisecond') INTO v_queued_at
      FROM chat_sessions WHERE team_id = p_team_id AND status = 'queued' AND priority = p_priority;
  END IF;

  v_outcome := CASE WHEN v_free_id IS NULL THEN 'queued' ELSE 'assigned' END;
  IF v_reopen THEN
    UPDATE chat_sessions
       SET status = CASE WHEN v_free_id IS NULL THEN 'queued' ELSE 'active' END::"SessionStatus",
           priority = p_priority, question = p_question, metadata = coalesce(p_metadata, metadata), source = p_source,
           channel = p_channel, operator_id = v_free_id, queued_at = v_queued_at,
           assigned_at = CASE WHEN v_free_id IS NULL THEN NULL ELSE p_now END, first_response_at = NULL,
           closed_at = NULL, closed_reason = NULL, missed_assignments = 0, missed_operator_ids = '{}',
           promised_wait_minutes = NULL, model_wait_minutes = NULL, current_promise_minutes = NULL,
           promise_due_at = NULL, waited_seconds = NULL, webhook_wait = NULL, fallback_at = NULL,
           last_seq = CASE WHEN v_free_id IS NULL THEN v_seq ELSE v_seq + 1 END,
           team_id = p_team_id, skills = p_skills, handed_back_at = NULL, handback_note = NULL, updated_at = p_now
     WHERE id = v_session_id;
  ELSE
    -- told_position: the answer tells the customer their place; the positions broadcast then skips them until it moves.
    INSERT INTO chat_sessions (id, contact_id, status, priority, question, metadata, source, channel, operator_id,
                               queued_at, assigned_at, last_seq, trusted, contact_email, contact_phone, team_id, skills,
                               told_position, created_at, updated_at)
    VALUES (v_session_id, p_contact_id, CASE WHEN v_free_id IS NULL THEN 'queued' ELSE 'active' END::"SessionStatus",
            p_priority, p_question, p_metadata, p_source, p_channel, v_free_id,
            v_queued_at, CASE WHEN v_free_id IS NULL THEN NULL ELSE p_now END, CASE WHEN v_free_id IS NULL THEN 1 ELSE 2 END,
            p_trusted, p_contact_email, p_contact_phone, p_team_id, p_skills,
            CASE WHEN v_free_id IS NULL THEN v_ahead + 1 END, p_now, p_now);
  END IF;
  -- The customer's question, complete: a WhatsApp message's SID and media are written with it. Each line comes back
  -- as written (the caller publishes and reports them without reading them back).
  INSERT INTO messages (id, session_id, seq, sender, body, channel, external_id, media, created_at)
  VALUES (p_message_id, v_session_id, v_seq, 'customer', p_question, p_channel, p_external_id, p_media, p_now)
  RETURNING jsonb_build_array(jsonb_build_object('id', id, 'seq', seq, 'sender', sender, 'body', body, 'channel', channel,
              'media', media, 'created_at', to_char(created_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))) INTO v_lines;
  IF v_free_id IS NOT NULL THEN
    INSERT INTO messages (id, session_id, seq, sender, body, channel, created_at)
    VALUES (p_system_message_id, v_session_id, v_seq + 1, 'system', v_free_name || p_joined_text, 'web', p_now)
    RETURNING v_lines || jsonb_build_object('id', id, 'seq', seq, 'sender', sender, 'body', body, 'channel', channel,
                'media', media, 'created_at', to_char(created_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) INTO v_lines;
  END IF;
  IF v_reopen THEN
    -- The ownership timeline reads a reopening as a change of owner (lib/chat/conversation-owner.ts).
    INSERT INTO audit_events (id, actor_type, actor_id, action, target_type, target_id, data, at)
    VALUES (p_audit_id, p_actor_type, p_actor_id, 'session.owner_changed', 'session', v_session_id,
            jsonb_build_object('from', 'bot', 'to', CASE WHEN v_free_id IS NULL THEN 'queued' ELSE 'human' END,
                               'reason', 'escalated again after a hand-back', 'priority', p_priority, 'source', p_source,
                               'team_id', p_team_id), p_now);
  ELSE
    INSERT INTO audit_events (id, actor_type, actor_id, action, target_type, target_id, data, at)
    VALUES (p_audit_id, p_actor_type, p_actor_id, 'session.requested', 'session', v_session_id,
            jsonb_build_object('priority', p_priority, 'source', p_source, 'team_id', p_team_id), p_now);
  END IF;
  IF p_alert_recipient IS NOT NULL THEN
    -- The urgent-escalation alert, in the same transaction as the session it reports (transactional outbox).
    INSERT INTO notifications (id, kind, channel, recipient, payload, session_id, next_attempt_at, created_at)
    VALUES (p_alert_id, 'urgent_escalation_admin', 'whatsapp', p_alert_recipient,
            p_alert_payload || jsonb_build_object('outcome', v_outcome), v_session_id, p_now, p_now);
    PERFORM pg_notify('sportello_outbox', p_alert_id);
  END IF;

  RETURN QUERY SELECT v_outcome, v_session_id, v_free_id, v_free_name,
                      CASE WHEN v_free_id IS NULL THEN v_ahead + 1 ELSE NULL END, v_seats, v_queued, v_lines;
END
$$;
