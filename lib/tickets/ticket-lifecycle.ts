// The ticket lifecycle, pure: open → pending (waiting on the customer) → resolved → closed; a customer reply reopens.
import type { TicketStatus } from "@/lib/tickets/ticket-schemas";

// Closed is final (as in Zendesk): a customer writing after that is a new conversation.
const TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  open: ["pending", "resolved", "closed"],
  pending: ["open", "resolved", "closed"],
  resolved: ["open", "pending", "closed"],
  closed: [],
};

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}

export function allowedTransitions(from: TicketStatus): readonly TicketStatus[] {
  return TRANSITIONS[from];
}

/** The timestamps a status change sets or clears. */
export function statusTimestamps(from: TicketStatus, to: TicketStatus, now: Date): { resolvedAt?: Date | null; closedAt?: Date | null } {
  if (from === to) return {};
  if (to === "resolved") return { resolvedAt: now };
  if (to === "closed") return { closedAt: now, ...(from === "resolved" ? {} : { resolvedAt: now }) };
  // Back to open or pending: the ticket is no longer resolved.
  return { resolvedAt: null };
}

/** What a customer's reply does to the status: it reopens a ticket waiting on them or marked resolved. */
export function statusAfterCustomerReply(status: TicketStatus): TicketStatus | "refused" {
  if (status === "closed") return "refused";
  return "open";
}

/**
 * Overdue = the first-response target has passed with no response yet, on a ticket still waiting for the desk.
 * The SLA measures the desk's first answer, so a ticket that got one is no longer at risk.
 */
export function isOverdue(ticket: { status: TicketStatus; firstResponseAt: Date | null; dueAt: Date }, now: Date): boolean {
  return ticket.firstResponseAt === null && (ticket.status === "open" || ticket.status === "pending") && ticket.dueAt.getTime() <= now.getTime();
}
