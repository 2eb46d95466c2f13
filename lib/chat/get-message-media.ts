import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { Principal } from "@/lib/auth/principal";
import { canView } from "@/lib/auth/customer-key";
import { prisma } from "@/lib/db/client";
import { fetchWhatsappMedia } from "@/lib/whatsapp/fetch-media";

/**
 * A WhatsApp attachment of a message, fetched from Twilio with the account's credentials. Session media: the
 * session's operator (or an admin, or any operator while it is queued). Ticket media: any operator (tickets are
 * shared work).
 */
export async function getMessageMedia(messageId: string, index: number, principal: Principal | null) {
  const message = await prisma.message.findUnique({
    where: { id: messageId },
    select: { media: true, session: { select: { operatorId: true, status: true } }, ticketId: true },
  });
  if (!message) throw new ApiError("NOT_FOUND", "Message not found");
  if (message.session && !canView(principal, message.session)) throw new ApiError("FORBIDDEN", "Not your conversation");
  const items = Array.isArray(message.media) ? (message.media as { url?: unknown }[]) : [];
  const url = items[index]?.url;
  if (typeof url !== "string") throw new ApiError("NOT_FOUND", "No such attachment");
  return fetchWhatsappMedia(url);
}
