import "server-only";
import { ticketUrl } from "@/lib/env";
import { actorOf, type Principal } from "@/lib/auth/principal";
import { openingAddresses, upsertContact, whatsappUserId } from "@/lib/contacts/upsert-contact";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { getEscalationRules } from "@/lib/rules/escalation-rules";
import { createTicket } from "@/lib/tickets/create-ticket";
import { ticketCreatedMessage } from "@/lib/i18n/ticket-created-message";
import type { CreateTicketBody } from "@/lib/tickets/ticket-schemas";

/**
 * The contact's key when the caller gave no user_id: the email, else the phone. Only a trusted caller's phone-only
 * ticket joins the number's WhatsApp contact (so the customer's WhatsApp answers continue it); an anonymous caller
 * cannot reach a WhatsApp sender's conversations by typing their number.
 */
export function contactKey(body: Pick<CreateTicketBody, "user_id" | "user_email" | "user_phone">, trusted: boolean): string {
  if (body.user_id) return body.user_id;
  if (body.user_email) return `email:${body.user_email.toLowerCase()}`;
  return trusted ? whatsappUserId(body.user_phone!) : `phone:${body.user_phone}`;
}

/**
 * POST /api/tickets: finds or creates the contact (an anonymous caller never changes its stored email or phone) and
 * opens a ticket, with its SLA and notifications, answered at the addresses it was opened with.
 */
export async function createTicketFromApi(body: CreateTicketBody, caller: Principal | null) {
  // Any signed-in operator or API key is trusted with the contact's addresses; an anonymous caller is the customer.
  const trusted = caller !== null;
  const source = caller?.kind === "api_key" ? "chatbot" : caller?.kind === "operator" ? "panel" : "api";
  const actor = actorOf(caller, { type: "customer", id: contactKey(body, trusted) });
  return prisma.$transaction(async (tx) => {
    const contact = await upsertContact(tx, { userId: contactKey(body, trusted), email: body.user_email, phone: body.user_phone, name: body.user_name, trusted });
    const rules = await getEscalationRules(tx);
    const ticket = await createTicket(tx, rules, actor, {
      contact: { id: contact.id, ...openingAddresses({ email: body.user_email, phone: body.user_phone }, contact, trusted) },
      question: body.question,
      priority: body.priority,
      metadata: (body.metadata ?? undefined) as Prisma.InputJsonValue | undefined,
      source,
      channel: "web",
      locale: body.locale,
      reason: "api",
    });
    return {
      id: ticket.id,
      number: ticket.number,
      ticket_id: ticket.number,
      status: "open" as const,
      priority: body.priority,
      due_at: ticket.dueAt.toISOString(),
      sla_hours: ticket.slaHours,
      ticket_url: ticketUrl(ticket.accessToken),
      message: ticketCreatedMessage(ticket.number, ticket.slaHours, body.locale),
      created_at: ticket.createdAt.toISOString(),
    };
  });
}
