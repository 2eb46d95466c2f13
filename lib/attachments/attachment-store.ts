import "server-only";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { s3Store } from "@/lib/attachments/s3-store";

/**
 * Where attachment bytes live. One interface so upload, download, email and erase do not care: PostgreSQL (bytea)
 * by default — every instance sees the file and every backup holds it — or an S3-compatible bucket when
 * ATTACHMENT_STORAGE=s3 (docs/attachments.md). Each row records the store it was written to (`storage`), and reads
 * and deletes go to that store, so changing the setting later leaves older files where they are, still readable.
 */
export interface AttachmentStore {
  readonly kind: "db" | "s3";
  /** Stores the bytes. The database store hands back the column value for the row the caller creates. */
  write(id: string, bytes: Buffer, contentType: string): Promise<{ data?: Uint8Array<ArrayBuffer> }>;
  /** The file as a stream (a download never holds a large file in memory), or null when it is gone. */
  stream(id: string): Promise<ReadableStream<Uint8Array> | null>;
  bytes(id: string): Promise<Buffer | null>;
  /** Deletes files after their rows are gone (the database store's go with the rows). */
  remove(ids: string[]): Promise<{ deleted: number; failed: number }>;
}

const databaseStore: AttachmentStore = {
  kind: "db",
  async write(_id, bytes) {
    return { data: new Uint8Array(bytes) };
  },
  async stream(id) {
    const bytes = await this.bytes(id);
    return bytes ? new Blob([new Uint8Array(bytes)]).stream() : null;
  },
  async bytes(id) {
    const row = await prisma.chatAttachment.findUnique({ where: { id }, select: { data: true } });
    return row?.data ? Buffer.from(row.data) : null;
  },
  async remove(ids) {
    return { deleted: ids.length, failed: 0 };
  },
};

/** The store new files go to. */
export function attachmentStore(): AttachmentStore {
  return env().ATTACHMENT_STORAGE === "s3" ? s3Store() : databaseStore;
}

/** The store a file was written to. */
export function storeOf(kind: string): AttachmentStore {
  return kind === "s3" ? s3Store() : databaseStore;
}
