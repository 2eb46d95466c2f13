// GET /api/chat/attachments/{id} – the file, to the session's customer (key), its operator and admins only
import { route } from "@/lib/route/handler";
import { getChatAttachmentsId } from "@/lib/openapi/sessions/sessions-endpoints";
import { readAttachment } from "@/lib/attachments/read-attachment";

export const GET = route(getChatAttachmentsId, async ({ params, query, principal, customerKey }) => {
  const file = await readAttachment(params.id, { principal, customerKey }, query);
  const pdf = file.contentType === "application/pdf";
  // Streamed from the store: a large file from a bucket never sits whole in memory.
  return new Response(file.stream, {
    headers: {
      // The type found in the bytes at upload, from the allow-list; never what the uploader claimed.
      "content-type": file.contentType,
      "content-length": String(file.size),
      "content-disposition": `${pdf ? "attachment" : "inline"}; filename="${file.name}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      "x-content-type-options": "nosniff",
      // A PDF opened anyway runs no script and reaches nothing of this origin.
      "content-security-policy": pdf ? "sandbox" : "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      "cache-control": "private, no-store",
      "cross-origin-resource-policy": "same-origin",
    },
  });
});
