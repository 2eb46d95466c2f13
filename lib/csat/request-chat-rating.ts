import "server-only";
import type { Tx } from "@/lib/db/client";
import { hashSecret, newSecret } from "@/lib/auth/customer-key";
import { sessionLocale } from "@/lib/conversations/system-messages";
import { verifiedEmail, verifiedPhone } from "@/lib/contacts/upsert-contact";
import { getCsatSettings } from "@/lib/csat/csat-settings";
import { ratingRequestRecipients } from "@/lib/csat/rating-request-recipients";
import { appUrl } from "@/lib/env";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";

/** The page a chat's rating request links to: the token alone opens it (the customer's browser key may be gone). */
export const chatRatingUrl = (token: string) => `${appUrl()}/rate/${encodeURIComponent(token)}`;

/**
 * A chat an operator handled asks its customer for a rating when it closes, besides the form on the chat page: by
 * email to the address the chat was opened with (or the contact's verified one) and on WhatsApp only inside the
 * 24-hour window, once per chat (ratingRequestRecipients). The link carries a fresh token whose hash is stored on the
 * session. Nothing when ratings are off or off at chat close, when no operator took the chat, or when it is rated.
 */
export async function requestChatRating(tx: Tx, sessionId: string, now: Date): Promise<string[]> {
  const settings = await getCsatSettings(tx);
  if (!settings.enabled || !settings.on_chat_close) return [];
  const session = await tx.chatSession.findUniqueOrThrow({
    where: { id: sessionId },
    select: {
      operatorId: true,
      channel: true,
      contactEmail: true,
      contactPhone: true,
      metadata: true,
      ratings: { select: { id: true } },
      contact: { select: { email: true, emailVerifiedAt: true, phone: true, phoneVerifiedAt: true } },
    },
  });
  if (!session.operatorId || session.ratings.length > 0) return [];
  const address = {
    email: session.contactEmail ?? verifiedEmail(session.contact),
    // A WhatsApp chat's contact phone is the sender's own number, proven by Twilio's signature.
    phone: session.contactPhone ?? (session.channel === "whatsapp" ? session.contact.phone : verifiedPhone(session.contact)),
  };
  const recipients = await ratingRequestRecipients(tx, { sessionId }, address, now);
  if (recipients.length === 0) return [];
  const token = newSecret();
  await tx.chatSession.update({ where: { id: sessionId }, data: { ratingTokenHash: hashSecret(token) } });
  const locale = sessionLocale(session.metadata);
  const payload = { session_id: sessionId, rating_url: chatRatingUrl(token) };
  const sent: string[] = [];
  for (const to of recipients) sent.push(await enqueueNotification(tx, { kind: "csat_request", ...to, locale, sessionId, payload }));
  return sent;
}
