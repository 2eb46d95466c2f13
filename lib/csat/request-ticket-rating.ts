import "server-only";
import { ticketUrl } from "@/lib/env";
import type { Tx } from "@/lib/db/client";
import { getCsatSettings } from "@/lib/csat/csat-settings";
import { ratingRequestRecipients } from "@/lib/csat/rating-request-recipients";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";

/**
 * A resolved ticket asks its customer for a rating, once per ticket, by email and (inside the window) WhatsApp to
 * the addresses it was opened with (ratingRequestRecipients). Nothing when ratings are off or already given.
 */
export async function requestTicketRating(tx: Tx, ticketId: string, now: Date): Promise<string[]> {
  const settings = await getCsatSettings(tx);
  if (!settings.enabled || !settings.on_ticket_resolve) return [];
  const ticket = await tx.ticket.findUniqueOrThrow({
    where: { id: ticketId },
    select: { id: true, number: true, accessToken: true, contactEmail: true, contactPhone: true, metadata: true, ratings: { select: { id: true } } },
  });
  if (ticket.ratings.length > 0) return [];
  const recipients = await ratingRequestRecipients(tx, { ticketId }, { email: ticket.contactEmail, phone: ticket.contactPhone }, now);
  const locale = (ticket.metadata as { locale?: unknown } | null)?.locale === "en" ? "en" : "it";
  const payload = { ticket_id: ticket.id, ticket_number: ticket.number, ticket_url: ticketUrl(ticket.accessToken) };
  const sent: string[] = [];
  for (const to of recipients) sent.push(await enqueueNotification(tx, { kind: "csat_request", ...to, locale, ticketId, payload }));
  return sent;
}
