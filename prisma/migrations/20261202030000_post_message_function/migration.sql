-- A chat message in one statement (issue 16). POST /api/chat/sessions/{id}/messages used to be a Prisma interactive
-- transaction of about eight round trips (BEGIN, the row lock and seq bump, two rate-limit upserts on a pool of their
-- own while the row stayed locked, the insert, the operator's name, the webhook outbox, COMMIT), holding a pooled
-- connection across every await. sportello_post_message() does the same work inside PostgreSQL: as a single
-- autocommit statement the session row is locked only while the database executes it.

-- The webhook outbox writer (lib/webhooks/emit-webhook-event.ts calls it; so does sportello_post_message): the event
-- and one delivery per active endpoint subscribed to it, in the caller's transaction; with no subscribed endpoint it
-- writes nothing. The per-conversation counter row it bumps stays locked until commit, so the events of one
-- conversation get their sequence numbers in commit order (what the in-order delivery relies on). The data gains the
-- chatbot's user_id (contacts.user_id) and, for ticket events, the session the ticket came from. One row per delivery.
CREATE FUNCTION sportello_emit_webhook_event(
  p_id TEXT,
  p_type TEXT,
  p_session_id TEXT,
  p_ticket_id TEXT,
  p_data JSONB,
  p_customer_message BOOLEAN,
  p_now TIMESTAMP(3)
) RETURNS TABLE (delivery_id TEXT, notified TEXT) LANGUAGE sql AS $$
  WITH targets AS (
    SELECT e.id FROM webhook_endpoints e
     WHERE e.active AND p_type = ANY(e.events) AND (NOT p_customer_message OR e.include_customer_messages)
  ), ctx AS (
    SELECT coalesce(s.id, t.session_id) AS session_id, coalesce(cs.user_id, ct.user_id) AS user_id
      FROM (SELECT 1) one
      LEFT JOIN chat_sessions s ON s.id = p_session_id
      LEFT JOIN contacts cs ON cs.id = s.contact_id
      LEFT JOIN tickets t ON t.id = p_ticket_id
      LEFT JOIN contacts ct ON ct.id = t.contact_id
  ), conv AS (
    INSERT INTO webhook_conversations (key, last_seq)
    SELECT CASE WHEN ctx.session_id IS NOT NULL THEN 'session:' || ctx.session_id ELSE 'ticket:' || p_ticket_id END, 1
      FROM ctx WHERE EXISTS (SELECT 1 FROM targets)
    ON CONFLICT (key) DO UPDATE SET last_seq = webhook_conversations.last_seq + 1
    RETURNING key, last_seq
  ), evt AS (
    INSERT INTO webhook_events (id, type, conversation_key, seq, payload, created_at)
    SELECT p_id, p_type, conv.key, conv.last_seq,
           jsonb_build_object('id', p_id, 'type', p_type, 'timestamp', to_char(p_now, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                              'data', jsonb_build_object('session_id', ctx.session_id) || p_data
                                      || jsonb_build_object('user_id', ctx.user_id)),
           p_now
      FROM conv, ctx
    RETURNING conversation_key, seq
  ), del AS (
    INSERT INTO webhook_deliveries (id, endpoint_id, event_id, conversation_key, seq, next_attempt_at, created_at)
    SELECT 'whd_' || replace(gen_random_uuid()::text, '-', ''), targets.id, p_id, evt.conversation_key, evt.seq, p_now, p_now
      FROM targets, evt
    RETURNING id, endpoint_id, conversation_key
  )
  -- NOTIFY is delivered on commit (and dropped on rollback): the worker hears of a delivery exactly when it exists.
  -- The notice names the delivery's line too (deliverWebhook: a line a lane is already delivering needs no claim).
  SELECT del.id, pg_notify('sportello_webhooks', del.id || ' ' || del.endpoint_id || ' ' || del.conversation_key)::text FROM del
$$;

-- Whether a presented customer key's SHA-256 (hex) is the session's stored one, in constant time: every byte pair is
-- compared whatever the first difference (lib/auth/customer-key.ts secretMatches does the same with timingSafeEqual).
CREATE FUNCTION sportello_key_matches(p_presented TEXT, p_stored TEXT) RETURNS BOOLEAN LANGUAGE sql IMMUTABLE AS $$
  SELECT p_presented IS NOT NULL AND p_stored IS NOT NULL AND length(p_presented) = 64 AND length(p_stored) = 64
     AND bit_count(('x' || p_presented)::bit(256) # ('x' || p_stored)::bit(256)) = 0
$$;

-- One customer-message limit (lib/api/rate-limit.ts): the fixed one-minute window of rate-limiter-flexible's
-- PostgreSQL store, on the same rows (key "<prefix>:<key>", points, expire in epoch ms), so the counters carry over
-- and other instances still running the library see the same counts. Returns the ms until the window resets when
-- this point goes over the limit, NULL when it is within it. A refused point still counts, as in the library.
CREATE FUNCTION sportello_consume_rate_limit(p_key TEXT, p_limit INTEGER, p_now_ms BIGINT) RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
  v_points INTEGER;
  v_expire BIGINT;
BEGIN
  INSERT INTO rate_limits (key, points, expire) VALUES (p_key, 1, p_now_ms + 60000)
  ON CONFLICT (key) DO UPDATE SET
    points = CASE WHEN rate_limits.expire <= p_now_ms THEN 1 ELSE rate_limits.points + 1 END,
    expire = CASE WHEN rate_limits.expire <= p_now_ms THEN p_now_ms + 60000 ELSE rate_limits.expire END
  RETURNING points, expire INTO v_points, v_expire;
  IF v_points > p_limit THEN
    RETURN greatest(coalesce(v_expire - p_now_ms, 0), 0);
  END IF;
  RETURN NULL;
END
$$;

-- A message in a live session, by its customer (p_key_hash: SHA-256 of X-Session-Key) or its operator (p_operator_id,
-- or any session for p_admin), as lib/chat/post-message.ts describes. The checks run in the order the API answers
-- them; a refusal writes nothing but the rate-limit points (outcome names the refusal). A write takes the next seq
-- under the row lock (gap-free under concurrency), stamps first_response_at on the operator's first message, inserts
-- the message (a plain INSERT: the messages triggers fire) and its message.created webhook event. An operator's reply
-- in a WhatsApp conversation is stored as channel whatsapp, delivery pending: the caller queues it for Twilio in the
-- same transaction (or rolls back when it cannot go out).
CREATE FUNCTION sportello_post_message(
  p_session_id TEXT,
  p_message_id TEXT,
  p_body TEXT,
  p_as TEXT,
  p_key_hash TEXT,
  p_admin BOOLEAN,
  p_operator_id TEXT,
  p_media JSONB,
  p_client_ip TEXT,
  p_session_limit INTEGER,
  p_ip_limit INTEGER,
  p_now_ms BIGINT,
  p_now TIMESTAMP(3),
  p_event_id TEXT,
  p_webhook_message JSONB
) RETURNS TABLE (
  outcome TEXT,
  session_status TEXT,
  retry_after_ms BIGINT,
  seq INTEGER,
  sender TEXT,
  operator_name TEXT,
  session_operator_id TEXT,
  channel TEXT,
  delivery_status TEXT,
  contact_phone TEXT,
  contact_user_id TEXT,
  last_whatsapp_inbound_at TIMESTAMP(3)
) LANGUAGE plpgsql AS $$
DECLARE
  v_status TEXT;
  v_session_operator TEXT;
  v_key_hash TEXT;
  v_channel TEXT;
  v_phone TEXT;
  v_user_id TEXT;
  v_inbound TIMESTAMP(3);
  v_is_operator BOOLEAN;
  v_is_customer BOOLEAN;
  v_as_operator BOOLEAN;
  v_retry BIGINT;
  v_seq INTEGER;
  v_sender TEXT;
  v_writer TEXT;
  v_writer_name TEXT;
  v_msg_channel TEXT := 'web';
  v_delivery TEXT;
BEGIN
  SELECT s.status::TEXT, s.operator_id, s.customer_key_hash, s.channel::TEXT, c.phone, c.user_id, c.last_whatsapp_inbound_at
    INTO v_status, v_session_operator, v_key_hash, v_channel, v_phone, v_user_id, v_inbound
    FROM chat_sessions s JOIN contacts c ON c.id = s.contact_id
   WHERE s.id = p_session_id
     FOR UPDATE OF s;
  -- canOperate and secretMatches (lib/auth/customer-key.ts).
  v_is_operator := FOUND AND (p_admin OR coalesce(v_session_operator = p_operator_id, false));
  v_is_customer := FOUND AND sportello_key_matches(p_key_hash, v_key_hash);
  -- Neither its operator nor its customer: the same answer as a session that does not exist.
  IF NOT v_is_operator AND NOT v_is_customer THEN
    RETURN QUERY SELECT 'not_found'::TEXT, NULL::TEXT, NULL::BIGINT, NULL::INTEGER, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TIMESTAMP(3);
    RETURN;
  END IF;
  v_as_operator := p_as IS NOT DISTINCT FROM 'operator' OR (p_as IS NULL AND v_is_operator);
  IF v_as_operator AND NOT v_is_operator THEN
    RETURN QUERY SELECT 'forbidden_operator'::TEXT, v_status, NULL::BIGINT, NULL::INTEGER, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TIMESTAMP(3);
    RETURN;
  END IF;
  IF NOT v_as_operator AND NOT v_is_customer THEN
    RETURN QUERY SELECT 'forbidden_customer'::TEXT, v_status, NULL::BIGINT, NULL::INTEGER, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TIMESTAMP(3);
    RETURN;
  END IF;
  -- The customer's limits: per chat first, then per client address (the address is not charged when the chat is over).
  IF NOT v_as_operator THEN
    v_retry := sportello_consume_rate_limit('msg-session:' || p_session_id, p_session_limit, p_now_ms);
    IF v_retry IS NULL THEN
      v_retry := sportello_consume_rate_limit('msg-ip:' || p_client_ip, p_ip_limit, p_now_ms);
    END IF;
    IF v_retry IS NOT NULL THEN
      RETURN QUERY SELECT 'rate_limited'::TEXT, v_status, v_retry, NULL::INTEGER, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TIMESTAMP(3);
      RETURN;
    END IF;
  END IF;
  IF v_status IN ('closed', 'ticketed') THEN
    RETURN QUERY SELECT 'invalid_state'::TEXT, v_status, NULL::BIGINT, NULL::INTEGER, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TIMESTAMP(3);
    RETURN;
  END IF;
  IF v_as_operator AND v_status <> 'active' THEN
    RETURN QUERY SELECT 'no_operator'::TEXT, v_status, NULL::BIGINT, NULL::INTEGER, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TEXT, NULL::TIMESTAMP(3);
    RETURN;
  END IF;

  IF v_as_operator THEN
    v_sender := 'operator';
    -- The signed-in operator (an admin too) writes as themselves; an admin API key writes for the session's operator.
    v_writer := coalesce(p_operator_id, v_session_operator);
    SELECT o.name INTO v_writer_name FROM operators o WHERE o.id = v_writer;
    IF v_channel = 'whatsapp' THEN
      v_msg_channel := 'whatsapp';
      v_delivery := 'pending';
    END IF;
  ELSE
    v_sender := 'customer';
  END IF;

  UPDATE chat_sessions s
     SET last_seq = s.last_seq + 1,
         first_response_at = CASE WHEN v_as_operator THEN coalesce(s.first_response_at, p_now) ELSE s.first_response_at END
   WHERE s.id = p_session_id
  RETURNING s.last_seq INTO v_seq;

  INSERT INTO messages (id, session_id, seq, sender, operator_id, body, channel, delivery_status, media, created_at)
  VALUES (p_message_id, p_session_id, v_seq, v_sender::"MessageSender", v_writer, p_body, v_msg_channel::"Channel", v_delivery, p_media, p_now);

  -- The webhook's message as lib/conversations/webhook-message.ts shapes it, with what is decided here filled in.
  -- Customer lines reach only endpoints that asked for them.
  PERFORM * FROM sportello_emit_webhook_event(
    p_event_id, 'message.created', p_session_id, NULL,
    jsonb_build_object('message', p_webhook_message || jsonb_build_object('seq', v_seq, 'sender', v_sender, 'operator_name', v_writer_name)),
    NOT v_as_operator, p_now);

  RETURN QUERY SELECT 'created'::TEXT, v_status, NULL::BIGINT, v_seq, v_sender, v_writer_name, v_session_operator, v_msg_channel, v_delivery, v_phone, v_user_id, v_inbound;
END
$$;
