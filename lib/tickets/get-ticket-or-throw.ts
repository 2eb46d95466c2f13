import "server-only";
import { ApiError } from "@/lib/api/errors";
import { prisma, type Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { ticketWhere } from "@/lib/db/ticket-where";

export async function getTicketOrThrow<S extends Prisma.TicketSelect>(
  ref: string,
  select: S,
  db: Tx | typeof prisma = prisma,
): Promise<Prisma.TicketGetPayload<{ select: S }>> {
  const ticket = await db.ticket.findUnique({ where: ticketWhere(ref), select });
  if (!ticket) throw new ApiError("NOT_FOUND", `Ticket ${ref} not found`);
  return ticket as Prisma.TicketGetPayload<{ select: S }>;
}
