import "server-only";
import type { Tx } from "@/lib/db/client";
import { lastWhatsappInboundAt } from "@/lib/whatsapp/send-whatsapp";
import { whatsappWindow } from "@/lib/whatsapp/whatsapp-window";

export interface RatingRecipient {
  channel: "email" | "whatsapp";
  recipient: string;
}

/**
 * Where a conversation's rating request goes, for tickets and chats alike: by email to its address, and on WhatsApp
 * only while the customer's 24-hour window is open (never a template just for a survey; the worker re-checks the
 * window and drops it if it closed meanwhile). Nothing when this conversation was already asked: the caller holds
 * the conversation's row lock, so two instances closing or resolving it at once cannot both ask.
 */
export async function ratingRequestRecipients(
  tx: Tx,
  conversation: { ticketId: string } | { sessionId: string },
  address: { email: string | null; phone: string | null },
  now: Date,
): Promise<RatingRecipient[]> {
  if ((await tx.notification.count({ where: { ...conversation, kind: "csat_request" } })) > 0) return [];
  const recipients: RatingRecipient[] = [];
  if (address.email) recipients.push({ channel: "email", recipient: address.email });
  if (address.phone && whatsappWindow(await lastWhatsappInboundAt(tx, address.phone), now).open) recipients.push({ channel: "whatsapp", recipient: address.phone });
  return recipients;
}
