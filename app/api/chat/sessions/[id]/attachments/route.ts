// POST /api/chat/sessions/{id}/attachments – attach an image or PDF (multipart, field "file") to a web chat
import { ok, route } from "@/lib/api/handler";
import { limitSessionAction } from "@/lib/api/rate-limit";
import { uploadAttachment } from "@/lib/chat/upload-attachment";
import { sessionParams } from "@/lib/schemas/sessions";

export const POST = route({ params: sessionParams, streamBody: true }, async ({ request, params, principal, customerKey, ip }) => {
  await limitSessionAction(principal, ip);
  return ok(await uploadAttachment(params.id, request, { principal, customerKey, ip }), 201);
});
