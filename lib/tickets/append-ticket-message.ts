import "server-only";
import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

export interface AppendTicketMessageInput {
  ticketId: string;
  sender: "customer" | "operator" | "system";
  body: string;
  channel: "web" | "whatsapp" | "email";
  operatorId?: string | null;
  externalId?: string | null;
  media?: Prisma.InputJsonValue;
}

export const ticketMessageSelect = {
  id: true,
  seq: true,
  sender: true,
  body: true,
  channel: true,
  deliveryStatus: true,
  createdAt: true,
  operator: { select: { name: true } },
} satisfies Prisma.MessageSelect;

export type TicketMessageRow = Prisma.MessageGetPayload<{ select: typeof ticketMessageSelect }>;

/**
 * Appends a message to a ticket's thread with the ticket's next sequence number. The atomic increment row-locks the
 * ticket until commit, so concurrent writers (a panel reply and a WhatsApp answer) get consecutive numbers.
 */
export async function appendTicketMessage(tx: Tx, input: AppendTicketMessageInput): Promise<TicketMessageRow> {
  const ticket = await tx.ticket.update({
    where: { id: input.ticketId },
    data: { lastSeq: { increment: 1 } },
    select: { lastSeq: true },
  });
  return tx.message.create({
    data: {
      ticketId: input.ticketId,
      seq: ticket.lastSeq,
      sender: input.sender,
      body: input.body,
      channel: input.channel,
      operatorId: input.operatorId ?? null,
      externalId: input.externalId ?? null,
      media: input.media,
    },
    select: ticketMessageSelect,
  });
}
