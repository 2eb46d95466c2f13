import "server-only";
import { randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";

export const ERASED = "[erased]";

export interface AnonymizeScope {
  sessionIds: string[];
  ticketIds: string[];
  /** Strings that identify the person (email, phone, name, user ids): wherever they appear in free-form JSON. */
  identifiers: string[];
}

export interface AnonymizeResult {
  counts: AnonymizeCounts;
  /** The attachments' URLs at Twilio, to delete there once the transaction committed. */
  mediaUrls: string[];
  /** Web chat attachments whose bytes are in the S3 bucket: deleted there once the transaction committed. */
  storedFiles: string[];
}

export interface AnonymizeCounts {
  messages: number;
  attachments: number;
  conversations: number;
  tickets: number;
  ticket_notes: number;
  notifications: number;
  outbox_deliveries: number;
  webhook_attempts: number;
  audit_events: number;
  idempotency_records: number;
  rate_limits: number;
}

/** Replaces every string in a JSON value that contains one of the identifiers. */
export function scrubJson(value: unknown, identifiers: string[]): unknown {
  if (typeof value === "string") {
    const lower = value.toLowerCase();
    return identifiers.some((id) => lower.includes(id.toLowerCase())) ? ERASED : value;
  }
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, identifiers));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubJson(v, identifiers)]));
  return value;
}

const ids = (list: string[]) => (list.length ? Prisma.join(list) : Prisma.sql`NULL`);
const likeAny = (column: string, identifiers: string[]) =>
  identifiers.length
    ? Prisma.sql`(${Prisma.join(identifiers.map((i) => Prisma.sql`${Prisma.raw(column)} ILIKE ${`%${i.replace(/[\\%_]/g, "\\$&")}%`}`), " OR ")})`
    : Prisma.sql`FALSE`;

/**
 * Removes the personal data of conversations and tickets in one transaction, keeping the rows (so counts, response
 * times and SLA figures stay right): message texts and attachments, questions and chatbot metadata, internal ticket
 * notes, notification recipients and payloads (pending ones are cancelled), local outbox copies, personal strings in
 * audit details, stored idempotent responses and rate-limit counters that name the person. Used by erase (one
 * contact) and retention (old closed conversations).
 */
export async function anonymizeConversations(tx: Tx, scope: AnonymizeScope, now: Date): Promise<AnonymizeResult> {
  const sessions = ids(scope.sessionIds);
  const tickets = ids(scope.ticketIds);
  const media = await tx.$queryRaw<{ url: string | null }[]>`
    SELECT item->>'url' AS url FROM messages m
    CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(m.media) = 'array' THEN m.media ELSE jsonb_build_array(m.media) END) AS item
    WHERE m.media IS NOT NULL AND (m.session_id IN (${sessions}) OR m.ticket_id IN (${tickets}))`;
  const attachments = media.length;
  const messages = await tx.$executeRaw`
    UPDATE messages SET body = '', media = NULL, delivery_error = NULL
    WHERE (session_id IN (${sessions}) OR ticket_id IN (${tickets})) AND (body <> '' OR media IS NOT NULL OR delivery_error IS NOT NULL)`;
  const conversations = await tx.$executeRaw`
    UPDATE chat_sessions SET question = '', metadata = NULL, bot_handoff = NULL, contact_email = NULL, contact_phone = NULL, anonymized_at = coalesce(anonymized_at, ${now}::timestamp) WHERE id IN (${sessions})`;
  // A fresh access token: the customer's old ticket link stops working along with the data behind it.
  const ticketRows = await tx.$executeRaw`
    UPDATE tickets SET question = '', metadata = NULL, bot_handoff = NULL, contact_email = NULL, contact_phone = NULL, anonymized_at = coalesce(anonymized_at, ${now}::timestamp),
      access_token = 'erased_' || md5(id || ${randomBytes(16).toString("hex")})
    WHERE id IN (${tickets})`;
  const ticketNotes = await tx.$executeRaw`UPDATE ticket_notes SET body = '' WHERE ticket_id IN (${tickets}) AND body <> ''`;
  // Staff notes and whispers in the chats talk about the person too (never shown to them, never exported).
  await tx.$executeRaw`UPDATE session_notes SET body = '' WHERE session_id IN (${sessions}) AND body <> ''`;
  // Outbound webhook events carry message texts and contact details to the chatbot: their payloads go too.
  const conversationKeys = [...scope.sessionIds.map((id) => `session:${id}`), ...scope.ticketIds.map((id) => `ticket:${id}`)];
  await tx.$executeRaw`UPDATE webhook_events SET payload = '{}'::jsonb WHERE conversation_key IN (${ids(conversationKeys)}) AND payload <> '{}'::jsonb`;
  // What the integrator's server answered (up to 4 KB kept per attempt) may echo those payloads back: the bodies of
  // these conversations' attempts go, and any other attempt's body or error that names the person. Status, timing and
  // headers stay for the delivery log.
  const webhookAttempts = await tx.$executeRaw`
    UPDATE webhook_attempts a SET
      response_body = CASE WHEN d.conversation_key IN (${ids(conversationKeys)}) OR ${likeAny("a.response_body", scope.identifiers)} THEN NULL ELSE a.response_body END,
      error = CASE WHEN ${likeAny("a.error", scope.identifiers)} THEN NULL ELSE a.error END
    FROM webhook_deliveries d
    WHERE a.delivery_id = d.id
      AND ((d.conversation_key IN (${ids(conversationKeys)}) AND a.response_body IS NOT NULL) OR ${likeAny("a.response_body", scope.identifiers)} OR ${likeAny("a.error", scope.identifiers)})`;
  await tx.$executeRaw`UPDATE webhook_deliveries SET last_error = NULL WHERE ${likeAny("last_error", scope.identifiers)}`;
  // Files attached in the web chat or to ticket replies (counted above with the messages' media that reference them) and the customer's
  // words in their ratings; the scores stay, like the other figures.
  const deletedFiles = await tx.$queryRaw<{ id: string; storage: string }[]>`DELETE FROM chat_attachments WHERE session_id IN (${sessions}) OR ticket_id IN (${tickets}) RETURNING id, storage`;
  await tx.$executeRaw`UPDATE conversation_ratings SET comment = NULL WHERE (session_id IN (${sessions}) OR ticket_id IN (${tickets})) AND comment IS NOT NULL`;

  const notificationIds = (
    await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM notifications
      WHERE ticket_id IN (${tickets}) OR session_id IN (${sessions}) OR ${likeAny("recipient", scope.identifiers)} OR ${likeAny("payload::text", scope.identifiers)}`
  ).map((r) => r.id);
  const notifications = await tx.$executeRaw`
    UPDATE notifications SET recipient = ${ERASED}, payload = '{}'::jsonb, last_error = NULL,
      status = CASE WHEN status IN ('pending', 'sending', 'failed') THEN 'dead'::"NotificationStatus" ELSE status END
    WHERE id IN (${ids(notificationIds)})`;
  const outbox = await tx.$executeRaw`
    UPDATE outbox_deliveries SET recipient = ${ERASED}, subject = NULL, text = '', html = NULL
    WHERE notification_id IN (${ids(notificationIds)}) OR ${likeAny("recipient", scope.identifiers)} OR ${likeAny("text", scope.identifiers)}`;

  // Audit entries stay (who did what, when) without the person in them: customer actor ids that are a user id
  // ("email:…", "whatsapp:+…") become the neutral session or contact reference, and personal strings in details go.
  const auditRows = await tx.$queryRaw<{ id: string; data: unknown; actor_type: string; actor_id: string | null }[]>`
    SELECT id, data, actor_type, actor_id FROM audit_events
    WHERE (target_type = 'session' AND target_id IN (${sessions})) OR (target_type = 'ticket' AND target_id IN (${tickets}))
       OR ${likeAny("data::text", scope.identifiers)} OR ${likeAny("actor_id", scope.identifiers)}`;
  let auditEvents = 0;
  for (const row of auditRows) {
    const data = row.data === null ? null : scrubJson(row.data, scope.identifiers);
    const actorId = row.actor_id && scope.identifiers.some((i) => row.actor_id!.toLowerCase().includes(i.toLowerCase())) ? ERASED : row.actor_id;
    if (JSON.stringify(data) === JSON.stringify(row.data) && actorId === row.actor_id) continue;
    await tx.auditEvent.update({ where: { id: row.id }, data: { data: data === null ? Prisma.DbNull : (data as Prisma.InputJsonValue), actorId } });
    auditEvents++;
  }
  // Stored responses for retried requests and rate-limit counters are short-lived caches: the ones that name the
  // person are dropped.
  const idempotency = await tx.$executeRaw`DELETE FROM idempotency_records WHERE ${likeAny("body::text", [...scope.identifiers, ...scope.sessionIds, ...scope.ticketIds])}`;
  const rateLimits = await tx.$executeRaw`DELETE FROM rate_limits WHERE ${likeAny("key", scope.identifiers)}`;

  const counts = {
    messages,
    attachments,
    conversations,
    tickets: ticketRows,
    ticket_notes: ticketNotes,
    notifications,
    outbox_deliveries: outbox,
    webhook_attempts: webhookAttempts,
    audit_events: auditEvents,
    idempotency_records: idempotency,
    rate_limits: rateLimits,
  };
  return { counts, mediaUrls: media.flatMap((m) => (m.url ? [m.url] : [])), storedFiles: deletedFiles.filter((f) => f.storage === "s3").map((f) => f.id) };
}
