import "server-only";
import { randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import type { WebhookDataInput, WebhookEventType } from "@/lib/schemas/webhooks";

/** The channel the webhook delivery worker LISTENs on (lib/webhooks/webhook-jobs.ts). */
export const WEBHOOK_NOTIFY_CHANNEL = "sportello_webhooks";

export function newWebhookEventId(): string {
  return `evt_${randomBytes(16).toString("base64url")}`;
}

export interface WebhookEventInput<T extends WebhookEventType> {
  type: T;
  /** The conversation: a session, or a ticket (a ticket opened from a chat joins its session's conversation). */
  sessionId?: string;
  ticketId?: string;
  data: WebhookDataInput<T>;
  /** message.created for a customer's message: only endpoints that asked for those get it. */
  customerMessage?: boolean;
  now?: Date;
}

/**
 * Writes a webhook event and one outbox delivery per active endpoint subscribed to it, in the caller's transaction:
 * the event exists exactly when the change that caused it committed. One statement: with no subscribed endpoint it
 * writes nothing. The per-conversation counter row it bumps stays locked until commit, so the events of one
 * conversation get their sequence numbers in commit order (what the in-order delivery relies on). The data gains
 * the chatbot's user_id (contacts.user_id) and, for ticket events, the session the ticket came from.
 */
export async function emitWebhookEvent<T extends WebhookEventType>(tx: Tx, input: WebhookEventInput<T>): Promise<number> {
  const id = newWebhookEventId();
  const now = input.now ?? new Date();
  const sessionId = input.sessionId ?? null;
  const ticketId = input.ticketId ?? null;
  const rows = await tx.$queryRaw<{ id: string }[]>`
    WITH targets AS (
      SELECT e.id FROM webhook_endpoints e
       WHERE e.active AND ${input.type} = ANY(e.events) AND (${input.customerMessage ?? false} = false OR e.include_customer_messages)
    ), ctx AS (
      SELECT coalesce(s.id, t.session_id) AS session_id, coalesce(cs.user_id, ct.user_id) AS user_id
        FROM (SELECT 1) one
        LEFT JOIN chat_sessions s ON s.id = ${sessionId}
        LEFT JOIN contacts cs ON cs.id = s.contact_id
        LEFT JOIN tickets t ON t.id = ${ticketId}
        LEFT JOIN contacts ct ON ct.id = t.contact_id
    ), conv AS (
      INSERT INTO webhook_conversations (key, last_seq)
      SELECT CASE WHEN ctx.session_id IS NOT NULL THEN 'session:' || ctx.session_id ELSE 'ticket:' || ${ticketId} END, 1
        FROM ctx WHERE EXISTS (SELECT 1 FROM targets)
      ON CONFLICT (key) DO UPDATE SET last_seq = webhook_conversations.last_seq + 1
      RETURNING key, last_seq
    ), evt AS (
      INSERT INTO webhook_events (id, type, conversation_key, seq, payload, created_at)
      SELECT ${id}, ${input.type}, conv.key, conv.last_seq,
             jsonb_build_object('id', ${id}::text, 'type', ${input.type}::text, 'timestamp', ${now.toISOString()}::text,
                                'data', jsonb_build_object('session_id', ctx.session_id) || ${JSON.stringify(input.data)}::jsonb
                                        || jsonb_build_object('user_id', ctx.user_id)),
             ${now}::timestamp(3)
        FROM conv, ctx
      RETURNING conversation_key, seq
    ), del AS (
      INSERT INTO webhook_deliveries (id, endpoint_id, event_id, conversation_key, seq, next_attempt_at, created_at)
      SELECT 'whd_' || replace(gen_random_uuid()::text, '-', ''), targets.id, ${id}, evt.conversation_key, evt.seq, ${now}::timestamp(3), ${now}::timestamp(3)
        FROM targets, evt
      RETURNING id, endpoint_id, conversation_key
    )
    -- NOTIFY is delivered on commit (and dropped on rollback): the worker hears of a delivery exactly when it exists.
    -- The notice names the delivery's line too (deliverWebhook: a line a lane is already delivering needs no claim).
    SELECT del.id, pg_notify(${WEBHOOK_NOTIFY_CHANNEL}, del.id || ' ' || del.endpoint_id || ' ' || del.conversation_key)::text AS notified FROM del`;
  return rows.length;
}
