import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { advanceDeliveryStatus, type DeliveryStatusChange } from "@/lib/whatsapp/update-delivery-status";

/** The fields of Twilio's message status callback that Sportello uses. */
export const twilioStatusSchema = z.object({
  MessageSid: z.string().regex(/^[A-Z]{2}[0-9a-f]{32}$/i, "must be a Twilio message SID"),
  MessageStatus: z.string().trim().toLowerCase().pipe(z.string().regex(/^[a-z_]{2,20}$/)),
  ErrorCode: z.string().max(10).optional(),
  ErrorMessage: z.string().max(500).optional(),
});
export type TwilioStatus = z.infer<typeof twilioStatusSchema>;

/**
 * A status callback: queued → sent → delivered → read, or failed/undelivered with Twilio's error code. The status
 * only ever moves forward (out-of-order callbacks are ignored), and a failure is also noted on the notification
 * that sent the message, for the admin's list.
 */
export async function recordStatusCallback(input: TwilioStatus): Promise<DeliveryStatusChange | null> {
  const failed = input.MessageStatus === "failed" || input.MessageStatus === "undelivered";
  const error = failed ? `Twilio ${input.ErrorCode ?? "?"}${input.ErrorMessage ? `: ${input.ErrorMessage}` : ""}` : null;
  const changed = await advanceDeliveryStatus({ externalId: input.MessageSid }, input.MessageStatus, error);
  if (failed) {
    await prisma.notification.updateMany({ where: { providerMessageId: input.MessageSid }, data: { lastError: `[${input.ErrorCode ?? input.MessageStatus}] ${error}` } });
  }
  return changed;
}
