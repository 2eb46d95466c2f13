// GET /api/chat/messages/{id}/media/{index} – a WhatsApp attachment, fetched from Twilio with the account's credentials
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { canView } from "@/lib/chat/customer-key";
import { prisma } from "@/lib/db/client";
import { fetchWhatsappMedia } from "@/lib/whatsapp/fetch-media";

const params = z.object({ id: z.string().min(1).max(100), index: z.coerce.number().int().min(0).max(9) });

export const GET = route({ auth: "operator", params }, async ({ params, principal }) => {
  const message = await prisma.message.findUnique({
    where: { id: params.id },
    select: { media: true, session: { select: { operatorId: true, status: true } }, ticketId: true },
  });
  if (!message) throw new ApiError("NOT_FOUND", "Message not found");
  // Session media: the session's operator (or an admin). Ticket media: any operator (tickets are shared work).
  if (message.session && !canView(principal, message.session)) throw new ApiError("FORBIDDEN", "Not your conversation");
  const items = Array.isArray(message.media) ? (message.media as { url?: unknown }[]) : [];
  const url = items[params.index]?.url;
  if (typeof url !== "string") throw new ApiError("NOT_FOUND", "No such attachment");
  const media = await fetchWhatsappMedia(url);
  return new Response(new Uint8Array(media.bytes), {
    headers: {
      "Content-Type": media.contentType,
      "Content-Length": String(media.bytes.length),
      // Never rendered as a page of ours: attachments are downloads or images, not HTML.
      "Content-Disposition": "inline",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; img-src 'self' data:; media-src 'self'; sandbox",
      "Cache-Control": "private, max-age=300",
    },
  });
});
