import "server-only";
import { randomUUID } from "node:crypto";
import { ApiError } from "@/lib/api/errors";
import { prisma, type Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { customerMessageLimits, rateLimited } from "@/lib/route/rate-limit";
import { presentedHash, type SessionCaller } from "@/lib/auth/customer-key";
import { operatorIdOf } from "@/lib/auth/principal";
import { toMessageEvent, toMessageView, type MessageView } from "@/lib/conversations/message-view";
import { toWebhookMessage } from "@/lib/conversations/webhook-message";
import { newWebhookEventId } from "@/lib/webhooks/emit-webhook-event";
import { publish } from "@/lib/realtime/server";
import { EVENTS, FLOOR_CHANNEL, operatorChannel, sessionChannel } from "@/lib/realtime/channels";
import { planWhatsappReply, queueWhatsappReply } from "@/lib/chat/send-session-reply";
import { signedAttachmentUrl } from "@/lib/attachments/signed-url";
import { recordCannedUses } from "@/lib/canned/manage-canned-responses";

export interface PostMessageInput {
  sessionId: string;
  body: string;
  /** Who writes: "customer" needs the customer's key, "operator" the assigned operator or an admin. */
  as?: "customer" | "operator";
  /** Attachments the message carries (lib/attachments): their ids, names, types and sizes. */
  media?: Prisma.InputJsonValue;
  /** Canned responses the operator inserted (lib/canned): counted with the message. */
  cannedResponseIds?: string[];
}

/** What sportello_post_message answers (its migration): a refusal, or the stored message and the session's side. */
interface PostedRow {
  outcome: "created" | "not_found" | "forbidden_operator" | "forbidden_customer" | "rate_limited" | "invalid_state" | "no_operator";
  session_status: string | null;
  retry_after_ms: bigint | number | null;
  seq: number;
  sender: "customer" | "operator";
  operator_name: string | null;
  session_operator_id: string | null;
  channel: "web" | "whatsapp";
  delivery_status: string | null;
  contact_phone: string | null;
  contact_user_id: string;
  last_whatsapp_inbound_at: Date | null;
}

function refusal(row: PostedRow | undefined): ApiError {
  switch (row?.outcome) {
    case "forbidden_operator":
      return new ApiError("FORBIDDEN", "Only the session's operator or an admin can write as operator");
    case "forbidden_customer":
      return new ApiError("FORBIDDEN", "Only the session's customer can write as customer");
    case "rate_limited":
      return rateLimited(Number(row.retry_after_ms ?? 0));
    case "invalid_state":
      return new ApiError("INVALID_STATE", `The session is ${row.session_status}`, { details: { status: row.session_status } });
    case "no_operator":
      return new ApiError("INVALID_STATE", "The session has no operator yet");
    default:
      // Neither its operator nor its customer: the same 404 as a session that does not exist.
      return new ApiError("NOT_FOUND", "Session not found");
  }
}

/**
 * The message's write: one call to sportello_post_message, which locks the session row, checks who writes (the
 * customer's key in constant time, or the operator), counts the customer's rate limits, takes the next seq, stamps
 * first_response_at on the operator's first message, inserts the message and its message.created webhook event.
 */
async function writeMessage(db: Tx | typeof prisma, input: PostMessageInput, caller: SessionCaller, id: string, now: Date): Promise<PostedRow | undefined> {
  const { principal } = caller;
  const limits = customerMessageLimits();
  // The webhook's message, completed in SQL with what only the statement knows (seq, sender, operator name).
  const webhookMessage = toWebhookMessage({ id, seq: 0, session_id: input.sessionId, sender: "customer", body: input.body, channel: "web", created_at: now.toISOString() });
  const rows = await db.$queryRaw<PostedRow[]>`
    SELECT * FROM sportello_post_message(
      p_session_id => ${input.sessionId}, p_message_id => ${id}, p_body => ${input.body}, p_as => ${input.as ?? null},
      p_key_hash => ${presentedHash(caller.customerKey)}, p_admin => ${principal?.role === "admin"}, p_operator_id => ${operatorIdOf(principal)},
      p_media => ${input.media === undefined ? null : JSON.stringify(input.media)}::jsonb, p_client_ip => ${caller.ip ?? "unknown"},
      p_session_limit => ${limits.perSession}::int, p_ip_limit => ${limits.perIp}::int, p_now_ms => ${now.getTime()}::bigint,
      p_now => ${now}::timestamp(3), p_event_id => ${newWebhookEventId()}, p_webhook_message => ${JSON.stringify(webhookMessage)}::jsonb)`;
  return rows[0];
}

function viewOf(input: PostMessageInput, row: PostedRow, id: string, now: Date): MessageView {
  return toMessageView({
    id,
    seq: row.seq,
    sessionId: input.sessionId,
    sender: row.sender,
    body: input.body,
    channel: row.channel,
    deliveryStatus: row.delivery_status,
    media: input.media,
    createdAt: now,
    operator: row.operator_name === null ? null : { name: row.operator_name },
  });
}

/**
 * An operator's reply in a WhatsApp conversation also goes out over WhatsApp (through the outbox, same transaction):
 * refused (and the message rolled back) when it cannot. A file the operator attached goes as WhatsApp media: Twilio
 * fetches it from a signed, expiring link. The canned responses the operator inserted are counted with the message.
 */
async function sendOperatorExtras(tx: Tx, input: PostMessageInput, caller: SessionCaller, row: PostedRow, message: MessageView): Promise<void> {
  if (row.channel === "whatsapp") {
    const plan = planWhatsappReply({
      sessionId: input.sessionId,
      channel: "whatsapp",
      contactPhone: row.contact_phone,
      contactUserId: row.contact_user_id,
      lastWhatsappInboundAt: row.last_whatsapp_inbound_at,
    });
    const attachment = message.attachments?.find((a) => a.id);
    await queueWhatsappReply(tx, plan, { ...message, mediaUrl: attachment?.id ? signedAttachmentUrl(attachment.id) : undefined });
  }
  await recordCannedUses(tx, caller.principal, input.cannedResponseIds);
}

/**
 * Adds a message to a live session. The operator's first message stamps first_response_at (what the unanswered
 * assignment rule and the first-response figures measure). Publishes message.created after commit.
 * A customer's message is one autocommit statement (no interactive transaction: the session row is locked only while
 * PostgreSQL runs it). An operator's runs in a transaction with what else it sends: a WhatsApp reply queued through
 * the outbox, the canned responses it used.
 */
export async function postMessage(input: PostMessageInput, caller: SessionCaller): Promise<MessageView> {
  const { principal } = caller;
  const id = randomUUID();
  const now = new Date();
  const operatorSide = input.as === "operator" || (input.as !== "customer" && principal !== null);
  const row = operatorSide
    ? await prisma.$transaction(async (tx) => {
        const written = await writeMessage(tx, input, caller, id, now);
        if (written?.outcome === "created" && written.sender === "operator") {
          await sendOperatorExtras(tx, input, caller, written, viewOf(input, written, id, now));
        }
        return written;
      })
    : await writeMessage(prisma, input, caller, id, now);
  // A refusal is answered after its statement committed: the rate-limit points it counted stay counted.
  if (row?.outcome !== "created") throw refusal(row);
  const message = viewOf(input, row, id, now);
  const operatorId = row.session_operator_id;
  await publish([
    { channel: sessionChannel(input.sessionId), name: EVENTS.messageCreated, data: toMessageEvent(message) },
    // The operator's dashboard listens on its own channel too, for unread badges on chats not open on screen.
    ...(operatorId && message.sender === "customer"
      ? [{ channel: operatorChannel(operatorId), name: EVENTS.messageCreated, data: toMessageEvent(message) }]
      : []),
    // The supervisors' floor view refreshes its response times (ids only: the floor reads the rest by API).
    { channel: FLOOR_CHANNEL, name: EVENTS.floorUpdated, data: { session_id: input.sessionId, sender: message.sender } },
  ]);
  return message;
}
