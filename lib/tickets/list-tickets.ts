import "server-only";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { ListTicketsQuery } from "@/lib/tickets/ticket-schemas";
import { ticketSelect, toTicketView } from "@/lib/tickets/ticket-view";

/** The filters of the ticket list, as a Prisma `where` (shared by the list, the CSV export and the counts). */
export function ticketFilter(query: Omit<Partial<ListTicketsQuery>, "sort" | "page" | "page_size">, callerId: string | null, now: Date): Prisma.TicketWhereInput {
  const and: Prisma.TicketWhereInput[] = [];
  if (query.status?.length) and.push({ status: { in: query.status } });
  if (query.priority?.length) and.push({ priority: { in: query.priority } });
  if (query.channel?.length) and.push({ channel: { in: query.channel } });
  if (query.tag) and.push({ tags: { has: query.tag.toLowerCase() } });
  if (query.assignee === "none") and.push({ assigneeId: null });
  else if (query.assignee === "me") and.push({ assigneeId: callerId ?? "__nobody__" });
  else if (query.assignee) and.push({ assigneeId: query.assignee });
  if (query.overdue === true) and.push({ firstResponseAt: null, status: { in: ["open", "pending"] }, dueAt: { lte: now } });
  if (query.overdue === false) and.push({ NOT: { firstResponseAt: null, status: { in: ["open", "pending"] }, dueAt: { lte: now } } });
  if (query.from) and.push({ createdAt: { gte: query.from } });
  if (query.to) and.push({ createdAt: { lt: endOfRange(query.to) } });
  const q = query.q?.trim();
  if (q) {
    const number = /^#?(\d{1,9})$/.exec(q);
    and.push({
      OR: [
        ...(number ? [{ number: Number(number[1]) }] : []),
        { question: { contains: q, mode: "insensitive" } },
        { contact: { email: { contains: q, mode: "insensitive" } } },
        { contact: { phone: { contains: q } } },
        { contact: { name: { contains: q, mode: "insensitive" } } },
      ],
    });
  }
  return and.length ? { AND: and } : {};
}

/** A bare date as `to` means the whole of that day. */
export function endOfRange(to: Date): Date {
  const midnight = to.getUTCHours() === 0 && to.getUTCMinutes() === 0 && to.getUTCSeconds() === 0 && to.getUTCMilliseconds() === 0;
  return midnight ? new Date(to.getTime() + 86_400_000) : to;
}

const ORDER: Record<ListTicketsQuery["sort"], Prisma.TicketOrderByWithRelationInput[]> = {
  created_desc: [{ createdAt: "desc" }, { number: "desc" }],
  created_asc: [{ createdAt: "asc" }, { number: "asc" }],
  due_asc: [{ dueAt: "asc" }, { number: "asc" }],
  updated_desc: [{ updatedAt: "desc" }, { number: "desc" }],
  priority_desc: [{ priority: "desc" }, { dueAt: "asc" }],
};

export async function listTickets(query: ListTicketsQuery, callerId: string | null, now = new Date()) {
  const where = ticketFilter(query, callerId, now);
  const [total, rows] = await prisma.$transaction([
    prisma.ticket.count({ where }),
    prisma.ticket.findMany({
      where,
      select: ticketSelect,
      orderBy: ORDER[query.sort],
      skip: (query.page - 1) * query.page_size,
      take: query.page_size,
    }),
  ]);
  return {
    tickets: rows.map((row) => toTicketView(row, now)),
    pagination: { page: query.page, page_size: query.page_size, total, total_pages: Math.max(1, Math.ceil(total / query.page_size)) },
  };
}
