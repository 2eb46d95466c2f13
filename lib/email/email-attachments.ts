import "server-only";
import { storeOf } from "@/lib/attachments/attachment-store";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

export interface EmailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

/**
 * The files an outbound email carries (a ticket reply's `attachment_ids`), read from wherever they are stored when
 * the email is sent. A file erased since the reply was written is left out; the reply text still goes.
 */
export async function emailAttachments(payload: Prisma.JsonValue): Promise<EmailAttachment[]> {
  const ids = (payload as { attachment_ids?: unknown } | null)?.attachment_ids;
  if (!Array.isArray(ids) || ids.length === 0) return [];
  const rows = await prisma.chatAttachment.findMany({ where: { id: { in: ids.filter((id): id is string => typeof id === "string") } }, select: { id: true, name: true, contentType: true, storage: true } });
  const files: EmailAttachment[] = [];
  for (const id of ids) {
    const row = rows.find((r) => r.id === id);
    const content = row ? await storeOf(row.storage).bytes(row.id) : null;
    if (row && content) files.push({ filename: row.name, content, contentType: row.contentType });
  }
  return files;
}
