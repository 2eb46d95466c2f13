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
 * the event exists exactly when the change that caused it committed. One statement, the SQL function
 * sportello_emit_webhook_event (its migration says what it writes; sportello_post_message calls it too): with no
 * subscribed endpoint it writes nothing. The per-conversation counter row it bumps stays locked until commit, so the
 * events of one conversation get their sequence numbers in commit order (what the in-order delivery relies on). The
 * data gains the chatbot's user_id (contacts.user_id) and, for ticket events, the session the ticket came from.
 * NOTIFY on WEBHOOK_NOTIFY_CHANNEL tells the delivery worker of each delivery on commit.
 */
export async function emitWebhookEvent<T extends WebhookEventType>(tx: Tx, input: WebhookEventInput<T>): Promise<number> {
  const rows = await tx.$queryRaw<{ delivery_id: string }[]>`
    SELECT delivery_id FROM sportello_emit_webhook_event(
      p_id => ${newWebhookEventId()}, p_type => ${input.type}, p_session_id => ${input.sessionId ?? null}, p_ticket_id => ${input.ticketId ?? null},
      p_data => ${JSON.stringify(input.data)}::jsonb, p_customer_message => ${input.customerMessage ?? false}, p_now => ${input.now ?? new Date()}::timestamp(3))`;
  return rows.length;
}
