import "server-only";
import { ticketUrl } from "@/lib/env";
import { ApiError } from "@/lib/api/errors";
import type { Principal } from "@/lib/auth/principal";
import { requireSessionRole } from "@/lib/auth/customer-key";
import { prisma } from "@/lib/db/client";
import { DEFAULT_LOCALE, toLocale, type Locale } from "@/lib/i18n/config";
import { firstName, type CannedVariables } from "@/lib/canned/render-canned-response";
import { queuePosition } from "@/lib/routing/queue";
import { ticketWhere } from "@/lib/db/ticket-where";

export interface CannedContext {
  locale: Locale;
  variables: CannedVariables;
}

const contactSelect = { name: true, email: true, phone: true } as const;

function localeOf(metadata: unknown): Locale {
  const locale = (metadata as { locale?: unknown } | null)?.locale;
  return typeof locale === "string" ? toLocale(locale) : DEFAULT_LOCALE;
}

function contactVariables(contact: { name: string | null; email: string | null; phone: string | null }): CannedVariables {
  return { "customer.name": contact.name, "customer.first_name": firstName(contact.name), "customer.email": contact.email, "customer.phone": contact.phone };
}

/**
 * The values a canned response is filled with for one conversation: a chat the caller may see (theirs, the queue,
 * any for an admin) or a ticket (any operator answers tickets). Anything else is 404, as the session and ticket
 * routes answer, so an id tells a stranger nothing.
 */
export async function loadCannedContext(principal: Principal, target: { sessionId?: string; ticketId?: string }): Promise<CannedContext> {
  const operatorName = principal.kind === "operator" ? principal.name : null;
  const operator: CannedVariables = { "operator.name": operatorName, "operator.first_name": firstName(operatorName) };
  if (target.sessionId) {
    const session = await prisma.chatSession.findUnique({
      where: { id: target.sessionId },
      select: { id: true, status: true, operatorId: true, customerKeyHash: true, metadata: true, contact: { select: contactSelect }, ticket: { select: { number: true, accessToken: true } } },
    });
    requireSessionRole(principal, session, null);
    const { contact, ticket } = session!;
    return {
      locale: localeOf(session!.metadata),
      variables: {
        ...contactVariables(contact),
        ...operator,
        "ticket.number": ticket?.number ?? null,
        "ticket.url": ticket ? ticketUrl(ticket.accessToken) : null,
        "session.position": session!.status === "queued" ? await queuePosition(prisma, session!.id) : null,
      },
    };
  }
  if (target.ticketId) {
    const ticket = await prisma.ticket.findUnique({
      where: ticketWhere(target.ticketId),
      select: { number: true, accessToken: true, metadata: true, contact: { select: contactSelect } },
    });
    if (!ticket) throw new ApiError("NOT_FOUND", `Ticket ${target.ticketId} not found`);
    return {
      locale: localeOf(ticket.metadata),
      variables: { ...contactVariables(ticket.contact), ...operator, "ticket.number": ticket.number, "ticket.url": ticketUrl(ticket.accessToken) },
    };
  }
  return { locale: DEFAULT_LOCALE, variables: operator };
}
