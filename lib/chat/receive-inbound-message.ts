import "server-only";
import { z } from "zod";
import { prisma, type Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { appendMessage } from "@/lib/conversations/append-message";
import { toMessageEvent } from "@/lib/conversations/message-view";
import { systemText } from "@/lib/conversations/system-messages";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { EVENTS, sessionChannel } from "@/lib/realtime/channels";
import { escalateInScope } from "@/lib/routing/request-operator";
import { upsertContact, whatsappUserId } from "@/lib/contacts/upsert-contact";
import { inRoutingTransaction, type RoutingScope } from "@/lib/routing/routing-transaction";
import { appendTicketMessage } from "@/lib/tickets/append-ticket-message";
import { recordCustomerReply } from "@/lib/tickets/record-customer-reply";
import type { Locale } from "@/lib/i18n/config";
import { teamOfEntryPoint } from "@/lib/routing/resolve-team";

/** The fields of Twilio's inbound-message webhook that Sportello uses (form-encoded; media come as MediaUrlN). */
export const twilioInboundSchema = z.object({
  MessageSid: z.string().regex(/^[A-Z]{2}[0-9a-f]{32}$/i, "must be a Twilio message SID"),
  From: z.string().regex(/^whatsapp:\+[1-9]\d{6,14}$/, "must be a WhatsApp sender like whatsapp:+393331234567"),
  // The desk's number the customer wrote to: a team may own it (lib/routing/resolve-team.ts teamOfEntryPoint).
  To: z.string().max(40).optional(),
  Body: z.string().max(10_000).default(""),
  NumMedia: z.coerce.number().int().min(0).max(10).default(0),
  ProfileName: z.string().max(200).optional(),
  Latitude: z.string().max(32).optional(),
  Longitude: z.string().max(32).optional(),
});
export type TwilioInbound = z.infer<typeof twilioInboundSchema>;

export interface InboundMedia {
  url: string;
  content_type: string | null;
  sid: string | null;
}

export type InboundOutcome =
  | { kind: "duplicate" }
  | { kind: "session"; sessionId: string; messageId: string }
  | { kind: "ticket"; ticketId: string; messageId: string }
  | { kind: "escalated"; type: "operator_assigned" | "queue" | "ticket_created"; sessionId?: string; ticketId?: string };

/** Twilio's media metadata as sent (the bytes stay at Twilio; fetch-media.ts reads them on demand). */
export function inboundMedia(params: Record<string, string>, count: number): InboundMedia[] {
  const media: InboundMedia[] = [];
  for (let i = 0; i < count; i++) {
    const url = params[`MediaUrl${i}`];
    if (!url) continue;
    media.push({ url, content_type: params[`MediaContentType${i}`] ?? null, sid: url.split("/").pop() ?? null });
  }
  return media;
}

function messageText(input: TwilioInbound, media: InboundMedia[]): string {
  const body = input.Body.trim();
  if (body) return body;
  if (media.length > 0) return media.map((m) => `[${m.content_type ?? "media"}]`).join(" ");
  if (input.Latitude && input.Longitude) return `[${input.Latitude}, ${input.Longitude}]`;
  return "[—]";
}

/** Italian for Italian numbers (and San Marino, the Vatican), English otherwise. */
function localeForPhone(phone: string): Locale {
  return /^\+(39|378|379)/.test(phone) ? "it" : "en";
}

/**
 * The sender's own contact, `whatsapp:<number>`: a Twilio-signed message proves the number, so it is verified here.
 * A phone someone else typed into an escalation or a ticket (unverified, on another contact) never routes a
 * WhatsApp message into that contact's conversation: an unknown sender starts their own.
 */
function contactFor(tx: Tx, phone: string, profileName: string | undefined, now: Date) {
  return upsertContact(tx, { userId: whatsappUserId(phone), phone, name: profileName, trusted: false, phoneVerifiedVia: "whatsapp_inbound", whatsappInboundAt: now, now });
}

/**
 * A web chat whose customer asked to continue on WhatsApp with this phone (continue-on-whatsapp.ts): the first
 * message from it proves the number, so the chat moves to the sender's own contact and to WhatsApp, keeping its
 * place. A session merely opened with this phone typed in, without that request, is never continued.
 */
async function continuedOnWhatsapp(tx: Tx, contactId: string, phone: string): Promise<{ id: string } | null> {
  const waiting = await tx.chatSession.findFirst({
    where: { contactPhone: phone, whatsappContinueAt: { not: null }, status: { in: ["queued", "active"] } },
    orderBy: { whatsappContinueAt: "desc" },
    select: { id: true },
  });
  if (!waiting) return null;
  await tx.chatSession.update({ where: { id: waiting.id }, data: { contactId, channel: "whatsapp", whatsappContinueAt: null } });
  return waiting;
}

async function continueOrEscalate(scope: RoutingScope, input: TwilioInbound, media: InboundMedia[], now: Date): Promise<InboundOutcome> {
  const { tx } = scope;
  const sid = input.MessageSid;
  // Twilio retries a webhook it got no answer to: the MessageSid already stored means this one is done.
  if (await tx.message.findUnique({ where: { externalId: sid }, select: { id: true } })) return { kind: "duplicate" };

  const phone = input.From.slice("whatsapp:".length);
  const contact = await contactFor(tx, phone, input.ProfileName, now);
  const body = messageText(input, media);
  const mediaJson = media.length > 0 ? (media as unknown as Prisma.InputJsonValue) : undefined;

  const session =
    (await tx.chatSession.findFirst({
      where: { contactId: contact.id, status: { in: ["queued", "active"] } },
      orderBy: { queuedAt: "desc" },
      select: { id: true },
    })) ?? (await continuedOnWhatsapp(tx, contact.id, phone));
  if (session) {
    const message = await appendMessage(tx, { sessionId: session.id, sender: "customer", body, channel: "whatsapp", externalId: sid, media: mediaJson });
    scope.events.push({ channel: sessionChannel(session.id), name: EVENTS.messageCreated, data: toMessageEvent(message) });
    return { kind: "session", sessionId: session.id, messageId: message.id };
  }

  const ticket = await tx.ticket.findFirst({
    where: { contactId: contact.id, status: { in: ["open", "pending"] } },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  if (ticket) {
    const reply = await recordCustomerReply(tx, { ticketId: ticket.id, body, channel: "whatsapp", externalId: sid, media: mediaJson, now });
    scope.events.push(...reply.events);
    return { kind: "ticket", ticketId: ticket.id, messageId: reply.message.id };
  }

  // A new conversation: exactly the API's escalation, then the answer over WhatsApp in the guide's words.
  const locale = localeForPhone(phone);
  const { result, ticketId } = await escalateInScope(
    scope,
    {
      userId: contact.userId,
      phone,
      name: input.ProfileName,
      question: body,
      // The question is this WhatsApp message: written with its MessageSid and media.
      externalId: sid,
      media: mediaJson,
      priority: "medium",
      source: "whatsapp",
      channel: "whatsapp",
      locale,
      // The sender is proven by Twilio's signature: their own conversation comes back to them.
      trusted: true,
      phoneVerifiedVia: "whatsapp_inbound",
      team: await teamOfEntryPoint(tx, { whatsappTo: input.To }),
    },
    { type: "customer", id: contact.userId },
  );
  if (result.type === "ticket_created") {
    // The ticket's own notification (ticket_created_customer over WhatsApp) tells the customer; the message keeps
    // the MessageSid and the media in the ticket's thread.
    await appendTicketMessage(tx, { ticketId: ticketId!, sender: "customer", body, channel: "whatsapp", externalId: sid, media: mediaJson });
    return { kind: "escalated", type: result.type, ticketId };
  }
  const reply =
    result.type === "queue"
      ? { kind: "queue_position" as const, payload: { session_id: result.session_id, position: result.position, estimated_wait: result.estimated_wait } }
      : {
          kind: "session_message" as const,
          payload: { session_id: result.session_id, body: systemText(locale).operatorContacting() },
        };
  await enqueueNotification(tx, { ...reply, channel: "whatsapp", recipient: phone, locale, sessionId: result.session_id });
  return { kind: "escalated", type: result.type, sessionId: result.session_id };
}

/**
 * One inbound WhatsApp message: continues the sender's open chat or ticket, or starts an escalation exactly as the
 * API does. Everything happens in one routing transaction, so the three deliveries Twilio may make of the same
 * message store it once, and two messages from a new number cannot open two conversations.
 */
export async function receiveInboundWhatsapp(input: TwilioInbound, media: InboundMedia[], now: Date = new Date()): Promise<InboundOutcome> {
  try {
    return await inRoutingTransaction((scope) => continueOrEscalate(scope, input, media, now));
  } catch (error) {
    // A concurrent delivery of the same MessageSid won the unique key first (any other conflict is a real error).
    const stored = (error as { code?: unknown })?.code === "P2002" && (await prisma.message.findUnique({ where: { externalId: input.MessageSid }, select: { id: true } }));
    if (stored) return { kind: "duplicate" };
    throw error;
  }
}
