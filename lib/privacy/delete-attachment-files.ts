import "server-only";
import { storeOf } from "@/lib/attachments/attachment-store";
import type { AnonymizeResult } from "@/lib/privacy/anonymize-conversations";
import { deleteWhatsappMedia } from "@/lib/whatsapp/delete-media";

/**
 * After an erase or a retention batch committed: the files that live outside PostgreSQL go too — WhatsApp media at
 * Twilio and web chat attachments in the S3 bucket. Failures are counted and logged, never thrown: the rows that
 * pointed at them are already gone.
 */
export async function deleteAttachmentFiles(result: Pick<AnonymizeResult, "mediaUrls" | "storedFiles">): Promise<{ deleted: number; failed: number }> {
  const twilio = await deleteWhatsappMedia(result.mediaUrls);
  const bucket = result.storedFiles.length ? await storeOf("s3").remove(result.storedFiles) : { deleted: 0, failed: 0 };
  return { deleted: twilio.deleted + bucket.deleted, failed: twilio.failed + bucket.failed };
}
