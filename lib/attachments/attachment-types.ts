// What may be attached, decided on the bytes (file-type reads the magic numbers), never on the name or the browser's
// claimed type. Browser-safe: the chat's file picker uses the same list for its `accept`.
export const ATTACHMENT_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export function isAllowedType(mime: string | undefined): mime is AttachmentType {
  return !!mime && (ATTACHMENT_TYPES as readonly string[]).includes(mime);
}

const EXTENSIONS: Record<AttachmentType, string> = { "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp", "application/pdf": "pdf" };

/**
 * A file name safe to show and to put in Content-Disposition: no path, no control or quote characters, at most 120
 * characters, and the extension of the type found in the bytes.
 */
export function safeFileName(name: string, type: AttachmentType): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    .replace(/[\u0000-\u001f\u007f"\\;]/g, "")
    .replace(/\.[A-Za-z0-9]{1,5}$/, "")
    .trim()
    .slice(0, 100);
  return `${base || "attachment"}.${EXTENSIONS[type]}`;
}
