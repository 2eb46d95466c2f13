import type { Prisma } from "@/lib/db/generated/client";

/** `where` for a ticket reference from a URL: its number (1042 or #1042) or its id. */
export function ticketWhere(ref: string): Prisma.TicketWhereUniqueInput {
  const number = /^#?(\d{1,9})$/.exec(ref.trim());
  return number ? { number: Number(number[1]) } : { id: ref.trim() };
}
