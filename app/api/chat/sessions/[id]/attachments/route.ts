// POST /api/chat/sessions/{id}/attachments – attach an image or PDF (multipart, field "file") to a web chat
import { ok, route } from "@/lib/route/handler";
import { postChatSessionsIdAttachments } from "@/lib/openapi/sessions/sessions-endpoints";
import { uploadAttachment } from "@/lib/chat/upload-attachment";

export const POST = route(postChatSessionsIdAttachments, async ({ request, params, principal, customerKey, ip }) => {
  return ok(await uploadAttachment(params.id, request, { principal, customerKey, ip }), 201);
});
