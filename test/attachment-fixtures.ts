// Files for attachment tests and the multipart upload a browser sends, through the real route handler.
import { call } from "@/test/http";

// The smallest valid PNG (1×1): what file-type recognises by its magic numbers.
export const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

export async function uploadFile(sessionId: string, headers: Record<string, string>, bytes: Buffer, name = "shot.png", type = "image/png") {
  // Imported on use: tests set their environment (ATTACHMENT_MAX_BYTES, S3_*) before the app's modules load.
  const { POST: upload } = await import("@/app/api/chat/sessions/[id]/attachments/route");
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)], { type }), name);
  const encoded = new Response(form);
  const body = Buffer.from(await encoded.arrayBuffer());
  return call(upload, { params: { id: sessionId }, rawBody: body as unknown as string, headers: { ...headers, "content-type": encoded.headers.get("content-type")! } });
}
