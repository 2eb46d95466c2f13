import "server-only";
import type { Tx } from "@/lib/db/client";
import { prisma } from "@/lib/db/client";

/**
 * Where attachment bytes live. One interface so the storage can change without touching upload or download:
 * PostgreSQL (bytea) is the default — every instance sees the file and every backup holds it. An S3-compatible
 * bucket is the documented alternative (docs/attachments.md); it is not wired in this version.
 */
export interface AttachmentStore {
  readonly kind: string;
  put(db: Tx | typeof prisma, id: string, bytes: Buffer): Promise<void>;
  get(id: string): Promise<Buffer | null>;
}

export const databaseStore: AttachmentStore = {
  kind: "db",
  async put(db, id, bytes) {
    await db.chatAttachment.update({ where: { id }, data: { data: new Uint8Array(bytes), storage: "db" } });
  },
  async get(id) {
    const row = await prisma.chatAttachment.findUnique({ where: { id }, select: { data: true } });
    return row?.data ? Buffer.from(row.data) : null;
  },
};

export function attachmentStore(): AttachmentStore {
  return databaseStore;
}
