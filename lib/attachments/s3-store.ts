import "server-only";
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import type { AttachmentStore } from "@/lib/attachments/attachment-store";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";

let cached: { key: string; client: S3Client } | undefined;

function client(): S3Client {
  const e = env();
  const key = [e.S3_REGION, e.S3_ENDPOINT, e.S3_ACCESS_KEY_ID, e.S3_FORCE_PATH_STYLE].join("|");
  if (cached?.key === key) return cached.client;
  cached?.client.destroy();
  const s3 = new S3Client({
    region: e.S3_REGION,
    ...(e.S3_ENDPOINT ? { endpoint: e.S3_ENDPOINT } : {}),
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
    ...(e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY ? { credentials: { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY } } : {}),
    // Checksums only where S3 requires them: several S3-compatible services refuse the newer default ones.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 3,
  });
  cached = { key, client: s3 };
  return s3;
}

function bucket(): string {
  const name = env().S3_BUCKET;
  // lib/env refuses ATTACHMENT_STORAGE=s3 without a bucket; a file written to S3 before the setting changed needs it too.
  if (!name) throw new Error("S3_BUCKET is not set, but an attachment is stored in S3");
  return name;
}

// Private objects under one prefix; the id (144 random bits) is the name, never the customer's file name.
const objectKey = (id: string) => `attachments/${id}`;

const missing = (error: unknown) => error instanceof NoSuchKey || (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404);

async function getObject(id: string) {
  try {
    return (await client().send(new GetObjectCommand({ Bucket: bucket(), Key: objectKey(id) }))).Body ?? null;
  } catch (error) {
    if (missing(error)) return null;
    throw error;
  }
}

let store: AttachmentStore | undefined;

/** Attachments in an S3-compatible bucket (ATTACHMENT_STORAGE=s3), through the official AWS SDK. */
export function s3Store(): AttachmentStore {
  store ??= {
    kind: "s3",
    async write(id, bytes, contentType) {
      await client().send(new PutObjectCommand({ Bucket: bucket(), Key: objectKey(id), Body: bytes, ContentType: contentType, ContentLength: bytes.length }));
      return {};
    },
    async stream(id) {
      const body = await getObject(id);
      return body ? body.transformToWebStream() : null;
    },
    async bytes(id) {
      const body = await getObject(id);
      return body ? Buffer.from(await body.transformToByteArray()) : null;
    },
    async remove(ids) {
      let deleted = 0;
      let failed = 0;
      for (const id of ids) {
        try {
          await client().send(new DeleteObjectCommand({ Bucket: bucket(), Key: objectKey(id) }));
          deleted++;
        } catch (error) {
          failed++;
          logger.warn({ attachment_id: id, err: error instanceof Error ? error.message : String(error) }, "could not delete an attachment from S3");
        }
      }
      return { deleted, failed };
    },
  };
  return store;
}
