// GET /api/chat/messages/{id}/media/{index} – a WhatsApp attachment, fetched from Twilio with the account's credentials
import { route } from "@/lib/route/handler";
import { getChatMessagesIdMediaIndex } from "@/lib/openapi/sessions/sessions-endpoints";
import { getMessageMedia } from "@/lib/chat/get-message-media";

export const GET = route(getChatMessagesIdMediaIndex, async ({ params, principal }) => {
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
