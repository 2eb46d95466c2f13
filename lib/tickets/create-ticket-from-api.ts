import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { getEscalationRules } from "@/lib/rules/escalation-rules";
import { createTicket, ticketCreatedMessage, ticketUrl } from "@/lib/tickets/create-ticket";
import type { CreateTicketBody } from "@/lib/tickets/ticket-schemas";

/**
 * The contact's key when the caller gave no user_id: the email, else the WhatsApp number (the same key the WhatsApp
 * webhook uses, so a customer who later writes on WhatsApp is the same contact).
 */
export function contactKey(body: Pick<CreateTicketBody, "user_id" | "user_email" | "user_phone">): string {
  if (body.user_id) return body.user_id;
  if (body.user_email) return `email:${body.user_email.toLowerCase()}`;
  return `whatsapp:${body.user_phone}`;
}

/** POST /api/tickets: creates or updates the contact and opens a ticket, with its SLA and notifications. */
export async function createTicketFromApi(body: CreateTicketBody, actor: Actor, source: string) {
  return prisma.$transaction(async (tx) => {
    const userId = contactKey(body);
    const contact = await tx.contact.upsert({
      where: { userId },
      create: { userId, email: body.user_email, phone: body.user_phone, name: body.user_name },
      update: {
        ...(body.user_email ? { email: body.user_email } : {}),
        ...(body.user_phone ? { phone: body.user_phone } : {}),
        ...(body.user_name ? { name: body.user_name } : {}),
      },
      select: { id: true, email: true, phone: true },
    });
    const rules = await getEscalationRules(tx);
    const ticket = await createTicket(tx, rules, actor, {
      contact,
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
