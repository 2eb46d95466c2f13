import "server-only";
import type { Tx } from "@/lib/db/client";
import { getCsatSettings } from "@/lib/csat/csat-settings";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { lastWhatsappInboundAt } from "@/lib/whatsapp/send-whatsapp";
import { whatsappWindow } from "@/lib/whatsapp/whatsapp-window";
import { ticketUrl } from "@/lib/tickets/create-ticket";

/**
 * A resolved ticket asks its customer for a rating, once per ticket: by email to the address it was opened with,
 * and on WhatsApp only while the customer's 24-hour window is open (never a template just for a survey; the worker
 * re-checks the window and drops it if it closed meanwhile). Nothing when ratings are off or already given.
 */
export async function requestTicketRating(tx: Tx, ticketId: string, now: Date): Promise<string[]> {
  const settings = await getCsatSettings(tx);
  if (!settings.enabled || !settings.on_ticket_resolve) return [];
  const ticket = await tx.ticket.findUniqueOrThrow({
    where: { id: ticketId },
    select: { id: true, number: true, accessToken: true, contactEmail: true, contactPhone: true, metadata: true, ratings: { select: { id: true } } },
  });
  if (ticket.ratings.length > 0) return [];
  if ((await tx.notification.count({ where: { ticketId, kind: "csat_request" } })) > 0) return [];
  const locale = (ticket.metadata as { locale?: unknown } | null)?.locale === "en" ? "en" : "it";
  const payload = { ticket_id: ticket.id, ticket_number: ticket.number, ticket_url: ticketUrl(ticket.accessToken) };
  const sent: string[] = [];
  if (ticket.contactEmail) {
    sent.push(await enqueueNotification(tx, { kind: "csat_request", channel: "email", recipient: ticket.contactEmail, locale, ticketId, payload }));
  }
  if (ticket.contactPhone && whatsappWindow(await lastWhatsappInboundAt(tx, ticket.contactPhone), now).open) {
    sent.push(await enqueueNotification(tx, { kind: "csat_request", channel: "whatsapp", recipient: ticket.contactPhone, locale, ticketId, payload }));
  }
  return sent;
}
