import "server-only";
import { randomBytes } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { ApiError } from "@/lib/api/errors";
import { readCapped } from "@/lib/api/read-body";
import { attachmentStore } from "@/lib/attachments/attachment-store";
import { isAllowedType, safeFileName, type AttachmentType } from "@/lib/attachments/attachment-types";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";

// Room for the multipart envelope (boundaries, part headers) around the file itself.
const MULTIPART_OVERHEAD = 16 * 1024;

export interface ReceivedFile {
  bytes: Buffer;
  name: string;
  contentType: AttachmentType;
}

/**
 * The `file` part of a multipart upload, read with a cap (413 past ATTACHMENT_MAX_BYTES, without buffering the
 * rest) and its type checked on the bytes (415 unless an image or a PDF).
 */
export async function receiveAttachmentFile(request: Request): Promise<ReceivedFile> {
  const max = env().ATTACHMENT_MAX_BYTES;
  const tooLarge = () => new ApiError("PAYLOAD_TOO_LARGE", `Attachments are limited to ${Math.floor(max / 1024)} KB`, { details: { max_bytes: max } });
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.startsWith("multipart/form-data")) throw new ApiError("UNSUPPORTED_MEDIA_TYPE", "Send the file as multipart/form-data, field \"file\"");
  const raw = await readCapped(request, max + MULTIPART_OVERHEAD, tooLarge);
  let file: FormDataEntryValue | null;
  try {
    file = (await new Response(new Uint8Array(raw), { headers: { "content-type": contentType } }).formData()).get("file");
  } catch {
    throw new ApiError("VALIDATION_ERROR", "Invalid multipart body", { details: [{ path: "file", message: "required" }] });
  }
  if (!file || typeof file === "string") throw new ApiError("VALIDATION_ERROR", "Invalid request body", { details: [{ path: "file", message: "a file is required" }] });
  if (file.size > max) throw tooLarge();
  if (file.size === 0) throw new ApiError("VALIDATION_ERROR", "Invalid request body", { details: [{ path: "file", message: "the file is empty" }] });
  const bytes = Buffer.from(await file.arrayBuffer());
  const detected = (await fileTypeFromBuffer(bytes))?.mime;
  if (!isAllowedType(detected)) {
    throw new ApiError("UNSUPPORTED_MEDIA_TYPE", "Only images (PNG, JPEG, GIF, WebP) and PDF files can be attached", { details: { detected: detected ?? null } });
  }
  return { bytes, name: safeFileName(file.name, detected), contentType: detected };
}

/**
 * Stores a received file for a chat or a ticket: the bytes first (a bucket upload is no part of a database
 * transaction), then the row; either failing leaves nothing. `discard` removes both (the message that was to carry
 * the file could not be written).
 */
export async function storeAttachment(
  file: ReceivedFile,
  owner: { sessionId?: string; ticketId?: string; uploadedBy: "customer" | "operator"; operatorId: string | null },
) {
  const id = randomBytes(18).toString("base64url");
  const store = attachmentStore();
  const written = await store.write(id, file.bytes, file.contentType);
  const discard = async () => {
    await prisma.chatAttachment.deleteMany({ where: { id } });
    await store.remove([id]);
  };
  try {
    await prisma.chatAttachment.create({ data: { id, ...owner, name: file.name, contentType: file.contentType, size: file.bytes.length, storage: store.kind, ...written } });
  } catch (error) {
    await discard();
    throw error;
  }
  return { view: { id, name: file.name, content_type: file.contentType, size: file.bytes.length }, discard };
}
