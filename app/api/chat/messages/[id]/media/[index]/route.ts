// GET /api/chat/messages/{id}/media/{index} – a WhatsApp attachment, fetched from Twilio with the account's credentials
import { z } from "zod";
import { route } from "@/lib/api/handler";
import { getMessageMedia } from "@/lib/chat/get-message-media";

const params = z.object({ id: z.string().min(1).max(100), index: z.coerce.number().int().min(0).max(9) });

export const GET = route({ auth: "operator", params }, async ({ params, principal }) => {
  const media = await getMessageMedia(params.id, params.index, principal);
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
